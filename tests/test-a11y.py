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
import sys
import tempfile
import time

from atlas_a11y import (check, find_app, find_named, finish, pyatspi, rawinput, start as start_app,
                        stop, wait_for)

app, schema_dir = sys.argv[1], sys.argv[2]


def count_toasts(root):
    # GTK 4.8 names unnamed widgets after their type.
    return len(pyatspi.findAllDescendants(root, lambda node: node is not None and
                                          node.name == 'AdwToastWidget'))


def is_checked(node):
    states = node.getState()
    return states.contains(pyatspi.STATE_CHECKED) or states.contains(pyatspi.STATE_PRESSED)


def start(width, height, workdir):
    process, cache = start_app(app, schema_dir, workdir, width, height)
    node = wait_for(lambda: find_app(process.pid))
    return process, node, cache


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
finish()
