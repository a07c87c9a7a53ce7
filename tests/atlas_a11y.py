# What the user-level tests (test-a11y.py, test-a11y-explore.py) share:
# skipping without a display, a session bus or pyatspi; TAP output; waiting;
# finding the app and its nodes in the accessibility tree; starting the app
# on a temporary cache and settings of its own, and stopping it.
import os
import subprocess
import sys
import time

SKIP = 77

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('1..0 # SKIP needs an X display and a session bus')
    sys.exit(SKIP)

try:
    from dogtail.config import config
    config.checkForA11y = False
    config.logDebugToStdOut = False
    config.logDebugToFile = False
    # For the tests, which send keys and move the pointer.
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
    return ok


def finish():
    print('1..%d' % n_tests)
    sys.exit(1 if failures else 0)


def wait_for(predicate, seconds=20):
    # A guard against hanging, not a measure of speed.  A node that goes
    # away while it is read raises: that is tried again too.
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


def start(app, schema_dir, workdir, width, height):
    """Starts @app in a @width × @height window on a new cache and settings
    in @workdir; returns the process and the path of its cache."""
    config_home = os.path.join(workdir, 'config-%dx%d' % (width, height))
    os.makedirs(os.path.join(config_home, 'glib-2.0', 'settings'))
    os.makedirs(os.path.join(config_home, 'gtk-4.0'))
    with open(os.path.join(config_home, 'glib-2.0', 'settings', 'keyfile'), 'w') as keyfile:
        keyfile.write('[io/github/cooperationatlas/Atlas]\n'
                      'window-width=%d\nwindow-height=%d\nsync-on-start=false\n' % (width, height))
    # Only a close button in the title bar, as GNOME has by default.
    with open(os.path.join(config_home, 'gtk-4.0', 'settings.ini'), 'w') as settings:
        settings.write('[Settings]\ngtk-decoration-layout=appmenu:close\n')

    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.update({
        'GSETTINGS_BACKEND': 'keyfile',
        'GSETTINGS_SCHEMA_DIR': schema_dir,
        'XDG_CONFIG_HOME': config_home,
        'GSK_RENDERER': 'cairo',
        'GTK_A11Y': 'atspi',
    })
    cache = os.path.join(workdir, 'cache-%dx%d.sqlite3' % (width, height))
    process = subprocess.Popen([app, '--cache=' + cache], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, cache


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
