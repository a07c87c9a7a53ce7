#!/usr/bin/python3
# The screenshot test: takes the screenshots of build-aux/screenshots (the
# main window wide and narrow, light and dark, an initiative in the detail
# view, Arabic, Preferences, About) into BUILD_DIR/screenshots, and checks
# that each is a real picture of the window: the right size, and not blank.
# Look at the PNGs themselves after a UI change.
#
# Usage: check-screenshots.py SOURCE_DIR BUILD_DIR
# Prints TAP.
import os
import subprocess
import sys

source_dir, build_dir = sys.argv[1], sys.argv[2]
out = os.path.join(build_dir, 'screenshots')

try:
    import gi
    gi.require_version('GdkPixbuf', '2.0')
    from gi.repository import GdkPixbuf
except (ImportError, ValueError) as error:
    print('1..0 # SKIP GdkPixbuf is missing: %s' % error)
    sys.exit(77)

expected = {
    # name: (width, height) of the whole screen, or None for a cropped dialog
    'main': (1280, 800),
    'narrow': (360, 720),
    'dark': (1280, 800),
    'dark-narrow': (360, 720),
    'detail': (1280, 800),
    'detail-narrow': (360, 720),
    'detail-dark': (1280, 800),
    'arabic': (1280, 800),
    'arabic-detail': (1280, 800),
    'preferences': None,
    'about': None,
}

for name in expected:
    try:
        os.unlink(os.path.join(out, name + '.png'))
    except FileNotFoundError:
        pass

run = subprocess.run([os.path.join(source_dir, 'build-aux', 'screenshots'), build_dir, out],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
n = 0
failures = 0


def check(ok, description):
    global n, failures
    n += 1
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, description))
    if not ok:
        failures += 1


check(run.returncode == 0, 'build-aux/screenshots ran (exit %d)' % run.returncode)
if run.returncode != 0:
    for line in run.stdout.splitlines()[-20:]:
        print('# ' + line)

for name, size in expected.items():
    path = os.path.join(out, name + '.png')
    if not os.path.exists(path):
        check(False, '%s.png was taken' % name)
        continue
    pixbuf = GdkPixbuf.Pixbuf.new_from_file(path)
    width, height = pixbuf.get_width(), pixbuf.get_height()
    check(size is None or (width, height) == size,
          '%s.png is %dx%d%s' % (name, width, height, '' if size is None else ' (wanted %dx%d)' % size))
    # A blank or failed capture has a handful of colours; a window with a
    # map, text and icons has thousands.
    pixels = pixbuf.get_pixels()
    stride, channels = pixbuf.get_rowstride(), pixbuf.get_n_channels()
    colours = set()
    for y in range(0, height, 7):
        row = pixels[y * stride:(y * stride) + width * channels]
        for x in range(0, width * channels, channels * 5):
            colours.add(bytes(row[x:x + 3]))
    # (Dialogs are plainer than the main window.)
    least = 200 if size is not None else 40
    check(len(colours) > least, '%s.png shows a window, not a blank screen (%d colours sampled)' %
          (name, len(colours)))

print('1..%d' % n)
print('# the screenshots are in %s' % out)
sys.exit(1 if failures else 0)
