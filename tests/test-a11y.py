#!/usr/bin/python3
# Checks Cooperation Atlas through the accessibility tree, as a screen reader
# or a keyboard user meets it: the header bar controls have names, F9 and
# Alt+Return show and hide the panes, and Escape closes a pane shown over the
# map in a narrow window.
#
# Usage: test-a11y.py APP SCHEMA_DIR
# Needs an X display and a session bus (build-aux/test provides both); skips
# (exit 77) without them.  Prints TAP.
import os
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
    # dogtail replaces the hook, which hides tracebacks.
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


def wait_for(predicate, seconds=20):
    # A guard against hanging, not a measure of speed.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for child in desktop:
        try:
            if child is not None and child.get_process_id() == pid:
                return child
        except Exception:
            pass
    return None


def find_named(root, name):
    return pyatspi.findDescendant(root, lambda node: node is not None and node.name == name,
                                  breadth_first=True)


def count_toasts(root):
    # GTK 4.8 names unnamed widgets after their type.
    return len(pyatspi.findAllDescendants(root, lambda node: node is not None and
                                          node.name == 'AdwToastWidget'))


def is_checked(node):
    states = node.getState()
    return states.contains(pyatspi.STATE_CHECKED) or states.contains(pyatspi.STATE_PRESSED)


def start(width, height, workdir):
    config_home = os.path.join(workdir, 'config-%d' % width)
    os.makedirs(os.path.join(config_home, 'glib-2.0', 'settings'))
    os.makedirs(os.path.join(config_home, 'gtk-4.0'))
    with open(os.path.join(config_home, 'glib-2.0', 'settings', 'keyfile'), 'w') as keyfile:
        keyfile.write('[io/github/cooperationatlas/Atlas]\n'
                      'window-width=%d\nwindow-height=%d\nsync-on-start=false\n' % (width, height))
    with open(os.path.join(config_home, 'gtk-4.0', 'settings.ini'), 'w') as settings:
        settings.write('[Settings]\ngtk-decoration-layout=appmenu:close\n')

    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.update({
        'GSETTINGS_BACKEND': 'keyfile',
        'GSETTINGS_SCHEMA_DIR': schema_dir,
        'XDG_CONFIG_HOME': config_home,
        'XDG_CACHE_HOME': os.path.join(workdir, 'cache-%d' % width),
        'GSK_RENDERER': 'cairo',
        'GTK_A11Y': 'atspi',
    })
    cache = os.path.join(workdir, 'cache-%d.sqlite3' % width)
    process = subprocess.Popen([app, '--cache=' + cache],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    node = wait_for(lambda: find_app(process.pid))
    return process, node, cache


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main():
    names = {
        'Search initiatives': None,
        # GTK 4.8 shows toggle buttons as push buttons with a "pressed" state.
        'Show filters': 'push button',
        'Show details': 'push button',
        'Update from the feeds': 'push button',
        'Main menu': None,
    }

    with tempfile.TemporaryDirectory(prefix='atlas-a11y-') as workdir:
        # A wide window: names, and the panes by keyboard.
        process, root, cache = start(1280, 760, workdir)
        try:
            check(root is not None, 'the app is on the accessibility bus')
            if root is None:
                return
            check(wait_for(lambda: os.path.exists(cache)) is True,
                  'the app opens the cache given with --cache')
            nodes = {}
            for name, role in names.items():
                node = wait_for(lambda: find_named(root, name))
                nodes[name] = node
                if node is None:
                    check(False, 'a control is named "%s"' % name)
                    continue
                role_name = node.getRoleName()
                visible = node.getState().contains(pyatspi.STATE_VISIBLE)
                check(visible and (role is None or role_name == role),
                      'a control is named "%s" (%s, visible: %s)' % (name, role_name, visible))

            filters = nodes.get('Show filters')
            details = nodes.get('Show details')
            if filters is None or details is None:
                return

            # Keys go to the window under the pointer (no window manager).
            rawinput.absoluteMotion(640, 400)
            time.sleep(0.5)
            check(is_checked(filters) and is_checked(details), 'both panes start shown')
            rawinput.pressKey('F9')
            check(wait_for(lambda: not is_checked(filters), 5) is True, 'F9 hides the filters')
            rawinput.pressKey('F9')
            check(wait_for(lambda: is_checked(filters), 5) is True, 'F9 shows them again')
            rawinput.keyCombo('<Alt>Return')
            check(wait_for(lambda: not is_checked(details), 5) is True, 'Alt+Return hides the details')
            rawinput.keyCombo('<Alt>Return')
            check(wait_for(lambda: is_checked(details), 5) is True, 'Alt+Return shows them again')
        finally:
            stop(process)

        # A narrow window: the panes fold away; F9 shows the filters over
        # the map, Escape closes them.
        process, root, cache = start(360, 720, workdir)
        try:
            filters = wait_for(lambda: root and find_named(root, 'Show filters'))
            check(filters is not None and not is_checked(filters),
                  'at 360 px the filters start hidden')
            if filters is None:
                return
            rawinput.absoluteMotion(180, 400)
            time.sleep(0.5)
            rawinput.pressKey('F9')
            check(wait_for(lambda: is_checked(filters), 5) is True, 'F9 shows the filters over the map')
            # A notification on show (the cache of this build may not open)
            # takes the first Escape; the next one closes the pane.
            for attempt in range(1 + count_toasts(root)):
                rawinput.pressKey('Escape')
                if wait_for(lambda: not is_checked(filters), 2):
                    break
            check(wait_for(lambda: not is_checked(filters), 5) is True, 'Escape closes them')
        finally:
            stop(process)


main()
print('1..%d' % n_tests)
sys.exit(1 if failures else 0)
