"""Checks run inside the browser or on the served HTML: axe-core, touch targets, reflow at
200% zoom, and the Nu HTML Checker. The checkers come from the npm registry
(package.json at the repository root; ``make e2e-setup`` installs them) and run locally:
nothing is fetched from a CDN."""

import json
import subprocess
import tempfile
from pathlib import Path

from tests.system_tools import tool

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MIN_TARGET = 44  # CSS pixels, for a finger on a small phone


def _require(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make e2e-setup` (npm ci)")
    return path


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page, one line per rule and element."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=_require(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_22_AA,
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at {node['target']}"
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


# Links inside a sentence are exempt, as WCAG 2.5.8 exempts them: their size is the text's.
SMALL_TARGETS_JS = """min => {
  const inSentence = el => {
    const block = el.parentElement.closest('p, dd, figcaption, blockquote, td');
    return block && block.textContent.trim().length > el.textContent.trim().length;
  };
  const targets = document.querySelectorAll(
    'main a[href], main button, main input:not([type=hidden]), main select, main summary, ' +
    'main textarea, main label:has(input)');
  const small = [];
  for (const el of targets) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (el.matches('a') && inSentence(el)) continue;
    if (el.matches('input[type=radio], input[type=checkbox]') && el.closest('label')) continue;
    if (box.height < min - 0.5 || box.width < min - 0.5) {
      small.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ` +
                 `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}"""


def small_touch_targets(page) -> list[str]:
    """Links, buttons and form controls of the main content smaller than 44x44 px."""
    return page.evaluate(SMALL_TARGETS_JS, MIN_TARGET)


def horizontal_overflow(page) -> list[str]:
    """What makes the page wider than the screen (nothing: no sideways scrolling)."""
    return page.evaluate("""() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth) return [];
      const wide = [];
      for (const el of document.body.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right;
        const parent = el.parentElement.getBoundingClientRect().right;
        if (right > root.clientWidth + 0.5 && parent <= root.clientWidth + 0.5) {
          wide.push(`${el.tagName.toLowerCase()}.${el.className} "` +
                    `${el.textContent.trim().slice(0, 30)}" ends at ${Math.round(right)} px`);
        }
      }
      return [`page is ${root.scrollWidth - root.clientWidth} px too wide`, ...wide];
    }""")


def html_errors(documents: dict[str, str]) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors for each named HTML document, in one Java start."""
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        files = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            files[path.as_uri()] = name
        run = subprocess.run(
            [tool("java"), "-jar", str(_require(VNU)), "--errors-only", "--format", "json",
             *(str(Path(folder) / f"{n:03d}.html") for n in range(len(documents)))],
            capture_output=True, text=True, timeout=300, check=False,
        )
        report = json.loads(run.stderr or run.stdout)
    errors: dict[str, list[str]] = {name: [] for name in documents}
    for message in report["messages"]:
        name = files.get(message.get("url", "").replace("file:/", "file:///", 1), "?")
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']} "
            f"[{message.get('extract', '').strip()}]"
        )
    return {name: found for name, found in errors.items() if found}


def report(problems: dict[str, list[str]]) -> str:
    """Problems by page, one per line, for a failing test's message."""
    return "\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items()
    )


def broken_words(page, selector: str) -> list[str]:
    """Words of the elements matching ``selector`` that do not fit their element's width,
    so the browser broke them (a header "Бүгүн" shown as "Бү/гү/н")."""
    return page.evaluate("""selector => {
      const broken = [];
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
      document.body.append(probe);
      for (const el of document.querySelectorAll(selector)) {
        const style = getComputedStyle(el);
        if (el.getClientRects().length === 0) continue;
        probe.style.font = style.font;
        probe.style.letterSpacing = style.letterSpacing;
        const room = el.clientWidth - parseFloat(style.paddingLeft)
          - parseFloat(style.paddingRight);
        for (const word of el.textContent.trim().split(/\\s+/)) {
          probe.textContent = word;
          const width = probe.getBoundingClientRect().width;
          if (width > room + 0.5) {
            broken.push(`"${word}" is ${Math.round(width)} px in ${Math.round(room)} px`);
          }
        }
      }
      probe.remove();
      return broken;
    }""", selector)
