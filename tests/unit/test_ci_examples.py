"""The CI examples (examples/ci/*.yml, shown in the README's "Use in CI") work as written:
valid YAML, every ``brightline`` command accepted by the real CLI parser, every repository
script they call present, and the report files they upload the ones the crawler writes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from companion.cli import build_parser
from crawler.reports import junit, sarif

REPO = Path(__file__).resolve().parents[2]
GITHUB = REPO / "examples" / "ci" / "github-actions.yml"
GITLAB = REPO / "examples" / "ci" / "gitlab-ci.yml"

SAMPLES = {"STAGING_URL": "https://staging.example.com/"}
OPERATORS = {"|", "||", "&&", ";", "&", "(", ")", "$("}
REDIRECTS = {">", ">>", "<", "2>", "&>"}
KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "while", "for", "!"}
SCRIPT = re.compile(r"(?:^|[\s/\"'])scripts/[\w.-]+\.(?:sh|py)\b")


def expand(text: str) -> str:
    """Placeholders to sample values: ``${{ expr }}`` (GitHub) and ``$VAR`` / ``${VAR}`` (shell)."""
    text = re.sub(r"\$\{\{[^}]*\}\}", "sample", text)
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: SAMPLES.get(m.group(1), "sample"), text)


def shell_commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, split like the shell does (enough for these files)."""
    commands: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lexer = shlex.shlex(expand(line), posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        current: list[str] = []
        skip_next = False
        for token in lexer:
            if skip_next:
                skip_next = False
            elif token in REDIRECTS:
                skip_next = True
            elif token in OPERATORS or (not current and token in KEYWORDS):
                if current:
                    commands.append(current)
                current = []
            else:
                current.append(token)
        if current:
            commands.append(current)
    return commands


def github_scripts(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def gitlab_scripts(pipeline: dict[str, Any]) -> list[str]:
    jobs = [job for name, job in pipeline.items() if isinstance(job, dict) and not name.startswith(".")]
    return [line for job in jobs for key in ("before_script", "script", "after_script") for line in job.get(key, [])]


def brightline_commands(scripts: list[str]) -> list[list[str]]:
    return [cmd for script in scripts for cmd in shell_commands(script) if Path(cmd[0]).name == "brightline"]


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_shell_splitter_finds_commands_behind_operators_and_keywords() -> None:
    script = 'if [ -f a ]; then\n  brightline crawl "$STAGING_URL" --out o \\\n    --fail-on high | tee -a "$X"\nfi\n'
    assert brightline_commands([script]) == [
        ["brightline", "crawl", "https://staging.example.com/", "--out", "o", "--fail-on", "high"]
    ]


@pytest.mark.parametrize(("path", "scripts"), [(GITHUB, github_scripts), (GITLAB, gitlab_scripts)])
def test_every_brightline_command_parses(path: Path, scripts: Any) -> None:
    commands = brightline_commands(scripts(load(path)))
    verbs = sorted(cmd[1] for cmd in commands)
    assert verbs == ["crawl", "crawl", "diff"], commands
    parser = build_parser()
    for cmd in commands:
        try:
            args = parser.parse_args(cmd[1:])
        except SystemExit:
            pytest.fail(f"{path.name}: the CLI rejects `{shlex.join(cmd)}` (see the error above)")
        if args.command == "crawl":
            assert args.fail_on == "medium" and str(args.out) == "brightline-report", cmd
    assert any("--baseline" in cmd for cmd in commands if cmd[1] == "crawl"), "a crawl gates against a baseline"


@pytest.mark.parametrize(("path", "scripts"), [(GITHUB, github_scripts), (GITLAB, gitlab_scripts)])
def test_every_repository_script_called_exists(path: Path, scripts: Any) -> None:
    called = [m.group(0).lstrip(" \t\"'/") for s in scripts(load(path)) for m in SCRIPT.finditer(s)]
    for script in called:
        assert (REPO / script).is_file(), f"{path.name} calls {script}, which is not in the repository"
    if path == GITHUB:
        assert called, "the GitHub workflow sets Brightline up with scripts/setup.sh"


def test_the_github_workflow_uploads_what_the_crawler_writes() -> None:
    steps = [step for job in load(GITHUB)["jobs"].values() for step in job["steps"]]
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == f"brightline-report/{sarif.FILENAME}"
    assert uses["mikepenz/action-junit-report"]["with"]["report_paths"] == f"brightline-report/{junit.FILENAME}"
    artifact = uses["actions/upload-artifact"]
    assert artifact["with"]["path"].rstrip("/") == "brightline-report" and artifact["if"] == "always()"
    # The baseline download looks for the artifact under the name it is uploaded with.
    fetch = next(s["run"] for s in steps if "gh run download" in s.get("run", ""))
    assert f"--name {artifact['with']['name']}" in fetch


def test_the_gitlab_job_reports_junit() -> None:
    job = load(GITLAB)["brightline"]
    assert job["artifacts"]["reports"]["junit"] == f"brightline-report/{junit.FILENAME}"
    assert job["artifacts"]["when"] == "always"


def test_the_readme_shows_the_files_verbatim() -> None:
    doc = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in (GITHUB, GITLAB):
        relative = path.relative_to(REPO).as_posix()
        assert f"<!-- include: {relative} -->" in doc
        assert f"```yml\n{path.read_text(encoding='utf-8')}```" in readme, (
            f"README.md is out of date with {relative}: run `bash scripts/build_readme.sh`"
        )


def test_the_readme_is_built_from_its_parts(tmp_path: Path) -> None:
    import subprocess

    built = tmp_path / "README.md"
    subprocess.run(["bash", str(REPO / "scripts" / "build_readme.sh"), str(built)], check=True, cwd=tmp_path)
    assert built.read_text(encoding="utf-8") == (REPO / "README.md").read_text(encoding="utf-8"), (
        "README.md was edited by hand or its parts changed: edit docs/ and run `bash scripts/build_readme.sh`"
    )
