"""The system libraries the suite needs beside Python: WeasyPrint's (PDF receipts, letters, minutes) and fonts.

Without them WeasyPrint warns or fails deep inside a PDF test; `make test` stops first and names the Debian
packages to install, as the browser journeys do for Chromium."""

import ctypes.util
import glob
import sys

# (library name for ctypes.util.find_library, Debian package that ships it)
LIBRARIES = (
    ("gobject-2.0", "libglib2.0-0"),
    ("pango-1.0", "libpango-1.0-0"),
    ("pangoft2-1.0", "libpangoft2-1.0-0"),
    ("harfbuzz", "libharfbuzz0b"),
    ("harfbuzz-subset", "libharfbuzz-subset0"),
    ("fontconfig", "libfontconfig1"),
)
# The PDFs ask for DejaVu Sans, then Liberation Sans.
FONT_PATTERNS = ("/usr/share/fonts/**/DejaVuSans*.ttf", "/usr/share/fonts/**/LiberationSans*.ttf")
FONT_PACKAGE = "fonts-dejavu-core"


def fonts_present():
    return any(glob.glob(pattern, recursive=True) for pattern in FONT_PATTERNS)


def missing_packages(find_library=ctypes.util.find_library, has_fonts=fonts_present, platform=sys.platform):
    """The Debian packages to install, in the order of LIBRARIES; empty when nothing is missing (or off Linux,
    where WeasyPrint's own message stands)."""
    if not platform.startswith("linux"):
        return []
    missing = [package for library, package in LIBRARIES if not find_library(library)]
    if not has_fonts():
        missing.append(FONT_PACKAGE)
    return missing


def missing_message(packages):
    return (
        "Bibliothèques système absentes pour produire les PDF (WeasyPrint) : "
        + ", ".join(packages)
        + ".\nInstallez-les puis relancez `make test` :\n    sudo apt-get install "
        + " ".join(packages)
    )
