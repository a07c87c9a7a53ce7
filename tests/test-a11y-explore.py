#!/usr/bin/python3
# A policy officer's session, driven through the accessibility tree the way
# a screen reader or a keyboard user meets the app: start it on a temporary
# cache, wait for the map, find the search field and the window's regions by
# name, type a search, pick an SDG tile, open the first result, read its
# title and partners in the detail view, and clear the filters.
#
# Usage: test-a11y-explore.py APP SCHEMA_DIR
# Needs an X display and a session bus (build-aux/test provides both); skips
# (exit 77) without them.  Prints TAP.
import os
import re
import subprocess
import sys
import tempfile
import time

SKIP = 77
app, schema_dir = sys.argv[1], sys.argv[2]

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('1..0 # SKIP needs an X display and a session bus')
    sys.exit(SKIP)

try:
    from dogtail.config import config
    config.checkForA11y = False
    config.logDebugToStdOut = False
    config.logDebugToFile = False
    import dogtail.rawinput as rawinput
    import pyatspi
    sys.excepthook = sys.__excepthook__
except ImportError as error:
    print('1..0 # SKIP pyatspi or dogtail is missing: %s' % error)
    sys.exit(SKIP)

n_tests = 0
failures = 0


def check(ok, description):
    global n_tests, failures
    n_tests += 1
    print('%s %d - %s' % ('ok' if ok else 'not ok', n_tests, description))
    sys.stdout.flush()
    if not ok:
        failures += 1
    return ok


def wait_for(predicate, seconds=20):
    # A guard against hanging, not a measure of speed.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def find_app(pid):
    for child in pyatspi.Registry.getDesktop(0):
        try:
            if child is not None and child.get_process_id() == pid:
                return child
        except Exception:
            pass
    return None


def find(root, predicate):
    return pyatspi.findDescendant(root, lambda node: node is not None and predicate(node),
                                  breadth_first=True)


def find_named(root, name, role=None):
    return find(root, lambda node: node.name == name and
                (role is None or node.getRoleName() == role))


def is_showing(node):
    return node.getState().contains(pyatspi.STATE_SHOWING)


def press(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ('click', 'activate', 'press'):
            return action.doAction(i)
    return False


def count_results(root):
    # The heading above the list: "180 initiatives".
    results = find_named(root, 'Results', 'panel')
    if results is None:
        return None
    label = find(results, lambda node: node.getRoleName() == 'label' and
                 re.fullmatch(r'[\d,.\u00a0 ]+ initiatives?', node.name or '') is not None)
    if label is None:
        return None
    return int(re.sub(r'\D', '', label.name))


def main():
    with tempfile.TemporaryDirectory(prefix='atlas-a11y-explore-') as workdir:
        config_home = os.path.join(workdir, 'config')
        os.makedirs(os.path.join(config_home, 'glib-2.0', 'settings'))
        with open(os.path.join(config_home, 'glib-2.0', 'settings', 'keyfile'), 'w') as keyfile:
            keyfile.write('[io/github/cooperationatlas/Atlas]\n'
                          'window-width=1280\nwindow-height=800\nsync-on-start=false\n')
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'GSETTINGS_SCHEMA_DIR': schema_dir,
            'XDG_CONFIG_HOME': config_home,
            'GSK_RENDERER': 'cairo',
            'GTK_A11Y': 'atspi',
        })
        cache = os.path.join(workdir, 'cache.sqlite3')
        process = subprocess.Popen([app, '--cache=' + cache], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            run(process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run(process):
    root = wait_for(lambda: find_app(process.pid))
    if not check(root is not None, 'the app is on the accessibility bus'):
        return

    # The map, and the data in it.
    world = wait_for(lambda: find_named(root, 'World map'))
    check(world is not None, 'the map is there, named "World map"')
    total = wait_for(lambda: count_results(root))
    check(total is not None and total >= 150,
          'the bundled initiatives are listed (%s)' % total)
    if total is None:
        return

    # The window's regions, by name.
    for name in ('Filters', 'Map', 'Results'):
        node = find_named(root, name, 'panel')
        check(node is not None and node.getState().contains(pyatspi.STATE_VISIBLE),
              'the region "%s" is reachable' % name)
    for name in ('Zoom in', 'Zoom out', 'Show the whole world', 'Countries on the map'):
        check(find_named(root, name, 'push button') is not None,
              'the map control "%s" is named' % name)

    # Search.
    search = find_named(root, 'Search initiatives')
    if not check(search is not None, 'the search field is found by its name'):
        return
    search.queryEditableText().setTextContents('digital')
    searched = wait_for(lambda: (count_results(root) or total) < total and count_results(root))
    check(searched is not None and 0 < searched < total,
          'typing "digital" narrows the list (%s of %d)' % (searched, total))

    # An SDG tile: "SDG 9: Industry, Innovation and Infrastructure, N initiatives".
    tile = find(root, lambda node: node.getRoleName() in ('push button', 'toggle button') and
                (node.name or '').startswith('SDG 9:'))
    if not check(tile is not None, 'the SDG 9 tile is found by its name (%s)' %
                 (tile.name if tile else None)):
        return
    match = re.search(r'([\d,]+) initiatives?$', tile.name)
    expected = int(match.group(1).replace(',', '')) if match else None
    press(tile)
    picked = wait_for(lambda: count_results(root) != searched and count_results(root))
    check(picked is not None and expected is not None and picked == expected,
          'the tile gives the count it announced (%s, announced %s)' % (picked, expected))
    check(wait_for(lambda: tile.getState().contains(pyatspi.STATE_PRESSED) or
                   tile.getState().contains(pyatspi.STATE_CHECKED), 5) is True,
          'the tile says it is selected')

    # Open the first result with the keyboard.
    initiatives = find_named(root, 'Initiatives', 'list')
    first = initiatives.getChildAtIndex(0) if initiatives is not None else None
    row = first.getChildAtIndex(0) if first is not None and first.childCount > 0 else None
    if not check(row is not None and row.name, 'the first result has a name (%s)' %
                 (row.name if row else None)):
        return
    title = row.name
    # GTK 4.8 rows offer no action and no focus over AT-SPI: click the row
    # where the tree says it is, as a pointer user would.
    extents = row.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    rawinput.click(extents.x + extents.width // 2, extents.y + min(extents.height // 2, 12))

    details = wait_for(lambda: find_named(root, 'Details', 'panel'))
    heading = wait_for(lambda: find(details, lambda node: node.name == title and
                                    node.getRoleName() == 'heading') if details else None)
    check(heading is not None, 'the detail view shows the title "%s"' % title)
    partners = wait_for(lambda: find(details, lambda node: node.name in ('Lead and partners',
                                                                       'Lead and Partners')))
    check(partners is not None, 'the detail view has a "Lead and partners" section')
    roles = wait_for(lambda: pyatspi.findAllDescendants(
        details, lambda node: node is not None and re.search(
            r'\b(Lead|Partner|Implementer|Funder|Owner|Maintainer)\b', node.name or '') is not None))
    check(bool(roles), 'the lead and partners are read with their roles (%s)' %
          '; '.join(sorted({node.name for node in roles or []})[:3]))

    # Back to the list, then clear every filter.
    rawinput.pressKey('Escape')
    clear = wait_for(lambda: find(root, lambda node: node.name == 'Clear All' and
                                  node.getRoleName() == 'push button'))
    if not check(clear is not None, 'a "Clear All" button is shown with the filters'):
        return
    press(clear)
    cleared = wait_for(lambda: count_results(root) == total and count_results(root))
    check(cleared == total, 'clearing the filters lists all %d again' % total)
    check(wait_for(lambda: search.queryText().getText(0, -1) == '', 5) is True,
          'and empties the search field')


main()
print('1..%d' % n_tests)
sys.exit(1 if failures else 0)
