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
import re
import sys
import tempfile

from atlas_a11y import (check, find, find_app, find_named, finish, pyatspi, rawinput, start, stop,
                        wait_for)

app, schema_dir = sys.argv[1], sys.argv[2]


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
        process, cache = start(app, schema_dir, workdir, 1280, 800)
        try:
            run(process)
        finally:
            stop(process)


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
finish()
