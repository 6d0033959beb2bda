"""The demo content is data (demo/): found beside its package, shipped with it, and whole."""

import tomllib
from datetime import timedelta
from pathlib import Path

import demo
from community.demo import demo_threads
from core.demo import demo_members
from wiki.demo import demo_articles

ROOT = Path(__file__).resolve().parents[2]


def test_the_loaders_find_the_demo_files_beside_the_package_from_any_directory(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert (demo.FOLDER / "__init__.py").samefile(demo.__file__)
    articles, threads = demo_articles(), demo_threads()
    assert len(articles) == 15 and len(threads) == 26
    assert articles[0]["title"] == "Starting a library makerspace"
    assert all(revision["body"].strip() for spec in articles for revision in spec["revisions"])
    assert all(thread["body"] and all(reply["body"] for reply in thread.get("answers", []))
               for thread in threads)


def test_every_demo_file_is_package_data_for_an_installed_copy():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["demo"]
    shipped = {path for pattern in patterns for path in demo.FOLDER.glob(pattern)}
    data = {path for path in demo.FOLDER.rglob("*")
            if path.is_file() and path.suffix in {".md", ".toml"}}
    assert data and data <= shipped
    assert "demo*" in config["tool"]["setuptools"]["packages"]["find"]["include"]


def test_each_revision_and_answer_has_its_markdown_and_every_name_is_a_demo_member():
    _password, members = demo_members()
    names = {member["username"] for member in members}
    groups = {spec["key"] for spec in demo.manifest("workgroups.toml")["workgroups"]}
    for folder in demo.folders("articles"):
        spec = demo.manifest(folder / "article.toml")
        assert sorted(path.name for path in folder.glob("*.md")) == [
            f"{number:02d}.md" for number in range(1, len(spec["revisions"]) + 1)]
        assert {revision["author"] for revision in spec["revisions"]} <= names
        ages = [timedelta(**revision["ago"]) for revision in spec["revisions"]]
        assert ages == sorted(ages, reverse=True) and ages[-1] > timedelta(0), folder.name
    for folder in demo.folders("questions"):
        spec = demo.manifest(folder / "thread.toml")
        answers = spec.get("answers", [])
        assert sorted(path.name for path in folder.glob("*.md")) == sorted(
            ["question.md"] + [f"answer-{number}.md" for number in range(1, len(answers) + 1)])
        assert spec.get("workgroup", "makerspaces") in groups
        assert 1 <= spec.get("accepted", 1) <= max(len(answers), 1)
        people = {spec["asker"], *(voter.lstrip("-") for voter in spec.get("votes", []))}
        for post in [spec, *answers]:
            people |= {remark["author"] for remark in post.get("comments", [])}
        for reply in answers:
            people |= {reply["author"], *(voter.lstrip("-") for voter in reply.get("votes", []))}
        assert people <= names, folder.name
