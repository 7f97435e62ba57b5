"""Finding a Chromium-family browser on Linux, Windows or macOS.

Chart images (kaleido) and the browser tests both need a Chrome, Chromium or Edge.
One search, used by both: the `BROWSER_PATH` environment variable (the one kaleido
itself reads) wins; otherwise the usual install places of each system are tried,
then the names on PATH.
"""
import os
import platform
import shutil
from pathlib import Path

ENV_VAR = "BROWSER_PATH"

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge",
          "msedge")


def _typical_paths() -> list[str]:
    system = platform.system()
    if system == "Windows":
        roots = [os.environ.get(v, "") for v in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        tails = (r"\Google\Chrome\Application\chrome.exe", r"\Chromium\Application\chrome.exe",
                 r"\Microsoft\Edge\Application\msedge.exe")
        return [root + tail for root in roots if root for tail in tails]
    if system == "Darwin":
        return ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "/Applications/Chromium.app/Contents/MacOS/Chromium",
                "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"]
    return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable",
            "/usr/bin/google-chrome", "/opt/google/chrome/chrome", "/snap/bin/chromium", "/usr/bin/microsoft-edge"]


def find_browser() -> str | None:
    """Path of a Chromium-family browser, or None when this machine has none."""
    if explicit := os.environ.get(ENV_VAR):
        return explicit if Path(explicit).is_file() else None
    for path in _typical_paths():
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return next((found for name in _NAMES if (found := shutil.which(name))), None)


HOW_TO_GET_ONE = (
    "Instale Chromium o Google Chrome (Debian/Ubuntu: `apt-get install chromium`; Windows y macOS: Chrome o Edge "
    f"en su lugar habitual) o indique su ruta en la variable de entorno {ENV_VAR}."
)
