"""What every page embeds, and the two functions that make embedding safe.

Pages must work offline from `file://`, so the vis-network library is read
from the copy pyvis ships and inlined; nothing is fetched from a CDN.

Only vis-network's JavaScript is inlined. Its 220 kB stylesheet is almost all
base64 icons for the editing toolbar and configurator, which the views do not
use; the few rules they need (tooltip, canvas) are in `templates/view.css`.

Two rules keep untrusted article text inert:

* data reaches the page only as JSON inside `<script type="application/json">`,
  written by `script_json`, which escapes `<`, `>` and `&` so no string can
  close the element or open a comment;
* the page's Content-Security-Policy allows only the scripts this module wrote,
  by hash, so even markup that slipped through could not run a script or an
  inline event handler, nor load anything from the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from kg.errors import KgError

_TEMPLATES = "templates"
# A script must not contain these, or the HTML parser would end or comment it early.
_SCRIPT_BREAKERS = re.compile(r"</script|<!--", re.IGNORECASE)


def script_json(value: Any) -> Markup:
    """`value` as JSON that can sit inside a `<script>` element without ending it.

    `ensure_ascii` also escapes U+2028/U+2029, which older JavaScript parsers
    treat as line ends. `<`, `>` and `&` can only occur inside JSON strings, so
    replacing them with `\\u003c` etc. never changes the value.
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def csp_hash(script: str) -> str:
    """The CSP source expression (`'sha256-…'`) that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(scripts: list[str]) -> str:
    """A policy allowing these inline scripts and nothing from the network.

    Inline styles stay allowed: vis-network positions its canvas and tooltip
    through style attributes, and CSS cannot run script in current browsers.
    `frame-src 'self'` lets the index page embed the outlet view beside it.
    """
    hashes = " ".join(csp_hash(s) for s in scripts)
    return ("default-src 'none'; "
            f"script-src {hashes}; "
            "style-src 'unsafe-inline'; img-src data:; frame-src 'self'; "
            "base-uri 'none'; form-action 'none'")


@cache
def vis_js() -> str:
    """vis-network's standalone build as shipped inside pyvis (the newest version there)."""
    return _checked_script(_vis_dir() / "vis-network.min.js")


@cache
def vis_version() -> str:
    return _vis_dir().name.removeprefix("vis-")


@cache
def template_text(name: str) -> str:
    """A file from `kg/view/templates` (stylesheets and scripts inlined into pages)."""
    return resources.files("kg.view").joinpath(_TEMPLATES, name).read_text(encoding="utf-8")


@cache
def app_js(name: str) -> str:
    """One of the views' own scripts, checked like the vendored one."""
    text = template_text(name)
    if _SCRIPT_BREAKERS.search(text):
        raise KgError(f"kg/view/templates/{name} contains '</script' or '<!--' and cannot be inlined")
    return text


def _vis_dir() -> Path:
    # Imported here, not at module level: importing kg.view must not touch pyvis' files.
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    found = sorted((p for p in lib.glob("vis-*") if (p / "vis-network.min.js").is_file()),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.name)))
    if not found:
        raise KgError(f"no vis-network build found under {lib}; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    return found[-1]


def _checked_script(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if _SCRIPT_BREAKERS.search(text):
        # A future vis-network build containing these would silently break every page.
        raise KgError(f"{path} contains '</script' or '<!--' and cannot be inlined safely")
    return text
