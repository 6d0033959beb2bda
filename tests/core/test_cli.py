"""`flask users` and `flask demo` commands."""

from core import accounts
from core.extensions import db
from core.models import User


def test_users_create_reads_password_from_stdin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "Boss", "boss@example.org", "--role",
                                 "admin"], input="a long admin passphrase\n")
    assert result.exit_code == 0, result.output
    user = accounts.get_by_username("boss")
    assert user.role == "admin"
    assert accounts.authenticate("boss", "a long admin passphrase") == user


def test_users_create_refuses_bad_input_clearly(app, member):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "mina", "x@example.org"],
                           input="a long passphrase\n")
    assert result.exit_code != 0 and "taken" in result.output
    result = runner.invoke(args=["users", "create", "fresh", "x@example.org"], input="short\n")
    assert result.exit_code != 0 and "at least 10 characters" in result.output


def test_users_set_role(app, member):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "set-role", "mina", "editor"])
    assert result.exit_code == 0
    db.session.expire_all()
    assert db.session.get(User, member.id).role == "editor"
    result = runner.invoke(args=["users", "set-role", "ghost", "editor"])
    assert result.exit_code != 0 and "No member" in result.output
    result = runner.invoke(args=["users", "set-role", "mina", "emperor"])
    assert result.exit_code != 0


def test_demo_load_fills_an_empty_database_once(app, demo):
    runner = app.test_cli_runner()
    result = demo  # `flask demo load` into an empty database, run once for the suite
    assert result.exit_code == 0, result.output
    assert "admin" in result.output and "editor" in result.output
    db.session.expire_all()
    users = db.session.query(User).all()
    assert len(users) >= 12
    assert {user.role for user in users} == {"member", "editor", "admin"}
    assert {user.sector for user in users} >= {"public", "academic", "school", "special"}
    again = runner.invoke(args=["demo", "load", "--if-empty"])
    assert again.exit_code == 0 and "already has content" in again.output
    refused = runner.invoke(args=["demo", "load"])
    assert refused.exit_code != 0


def test_demo_accounts_lists_every_demo_member_with_the_password(app, demo):
    from core.demo import demo_members

    password, members = demo_members()
    output = app.test_cli_runner().invoke(args=["demo", "accounts"]).output
    assert f"password {password!r}" in output
    listed = [line.split() for line in output.splitlines()[1:]]
    assert [(role, name) for role, name, *_ in listed] == [
        (member["role"], member["username"]) for member in members]


def test_demo_accounts_on_a_site_without_the_demo_says_how_to_load_it(app):
    result = app.test_cli_runner().invoke(args=["demo", "accounts"])
    assert result.exit_code != 0 and "flask demo load" in result.output


def test_the_readme_lists_every_demo_account_with_its_role_and_the_password():
    from pathlib import Path

    from core.demo import demo_members

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    password, members = demo_members()
    assert f"password `{password}`" in readme
    for member in members:
        assert f"| `{member['username']}` | {member['role']} |" in readme
