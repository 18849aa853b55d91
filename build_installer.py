"""Build the MineSales Desktop executable with PyInstaller and smoke-test it.

    python build_installer.py [--onefile] [--skip-smoke]

1. compiles the translations (.ts → .qm, never committed);
2. fetches a redistributable TrueType CJK font with its licence at build time (WenQuanYi Micro
   Hei from Debian's fonts-wqy-microhei, installed with apt-get when missing and running as
   root) — font files are never committed;
3. runs PyInstaller on the checked-in spec ``packaging/minesales.spec``;
4. runs the built executable with ``--smoke-test`` on a new database and on a demo database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT_LICENCE = Path("/usr/share/doc/fonts-wqy-microhei/copyright")


def step(text: str) -> None:
    print(f"==> {text}", flush=True)


def compile_translations() -> None:
    sys.path.insert(0, str(ROOT))
    from minesales_desktop.i18n import compile_translations as compile_ts

    built = compile_ts()
    step(f"translations: {', '.join(p.name for p in built) or 'none'}")


def fetch_font() -> Path:
    """Copy the font and its copyright file into build/fonts (bundled into the app)."""
    if not FONT_FILE.exists():
        if shutil.which("apt-get") and os.geteuid() == 0:
            step("installing fonts-wqy-microhei")
            subprocess.run(["apt-get", "install", "-y", "-qq", "fonts-wqy-microhei"], check=True)
        if not FONT_FILE.exists():
            sys.exit(
                f"No CJK TrueType font at {FONT_FILE}: install the Debian package "
                "fonts-wqy-microhei (apt-get install fonts-wqy-microhei) and build again."
            )
    target = BUILD / "fonts"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(FONT_FILE, target / FONT_FILE.name)
    shutil.copy2(FONT_LICENCE, target / "wqy-microhei-COPYRIGHT.txt")
    step(f"font: {FONT_FILE.name} with its licence")
    return target


def run_pyinstaller(font_dir: Path, onefile: bool) -> Path:
    env = {**os.environ, "MINESALES_FONT_DIR": str(font_dir)}
    if onefile:
        env["MINESALES_ONEFILE"] = "1"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
         str(ROOT / "packaging" / "minesales.spec")],
        check=True,
        env=env,
    )  # fmt: skip
    exe = DIST / "minesales" if onefile else DIST / "minesales" / "minesales"
    if sys.platform == "win32":
        exe = exe.with_suffix(".exe")
    step(f"built {exe} in {time.perf_counter() - started:.0f} s")
    return exe


def smoke(exe: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="minesales-smoke-") as tmp:
        # settings, logs and data of the smoke run stay in the temporary folder
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": tmp,
               "XDG_STATE_HOME": tmp, "XDG_CONFIG_HOME": tmp}  # fmt: skip
        for label, args in (
            ("new database", ["--db", f"{tmp}/new.db"]),
            ("demo database", ["--db", f"{tmp}/demo.db"]),
        ):
            if label == "demo database":
                subprocess.run(
                    [str(exe), "demo-data", "--db", f"{tmp}/demo.db", "--customers", "300"],
                    check=True, env=env, cwd=tmp,
                )  # fmt: skip
            result = subprocess.run(
                [str(exe), "--smoke-test", *args],
                capture_output=True, text=True, env=env, cwd=tmp, timeout=300,
            )  # fmt: skip
            print(result.stdout, end="")
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                sys.exit(f"smoke test on a {label} failed (exit {result.returncode})")
            step(f"smoke test on a {label}: passed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onefile", action="store_true", help="one file instead of one folder")
    parser.add_argument("--skip-smoke", action="store_true")
    args = parser.parse_args()
    compile_translations()
    font_dir = fetch_font()
    exe = run_pyinstaller(font_dir, args.onefile)
    if not args.skip_smoke:
        smoke(exe)
    return 0


if __name__ == "__main__":
    sys.exit(main())
