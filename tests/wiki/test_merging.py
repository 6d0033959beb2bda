"""Three-way merge of edits saved at the same time."""

from hypothesis import given
from hypothesis import strategies as st

from wiki.merging import MergeResult, merge

BASE = (
    "Our library opened a makerspace with three printers.\n"
    "\n"
    "Volunteers ran weekly sessions for teenagers.\n"
    "\n"
    "We lend the printers to schools in summer.\n"
)


def clean(text: str) -> MergeResult:
    return MergeResult(text, False)


CONFLICT = MergeResult(None, True)


def test_changes_to_different_lines_merge():
    theirs = BASE.replace("three printers", "four printers")
    yours = BASE.replace("in summer", "in the summer holidays")
    assert merge(BASE, theirs, yours) == clean(
        BASE.replace("three printers", "four printers").replace("in summer",
                                                                "in the summer holidays"))


def test_different_words_of_the_same_paragraph_merge():
    theirs = BASE.replace("weekly", "fortnightly")
    yours = BASE.replace("teenagers", "young adults")
    assert merge(BASE, theirs, yours) == clean(
        BASE.replace("weekly", "fortnightly").replace("teenagers", "young adults"))


def test_the_same_word_changed_differently_conflicts():
    theirs = BASE.replace("weekly", "fortnightly")
    yours = BASE.replace("weekly", "monthly")
    assert merge(BASE, theirs, yours) == CONFLICT


def test_neighbouring_words_changed_on_each_side_conflict():
    # Word-level merging needs an unchanged word between the two changes.
    theirs = BASE.replace("weekly sessions", "weekly workshops")
    yours = BASE.replace("ran weekly", "ran monthly")
    assert merge(BASE, theirs, yours) == CONFLICT


def test_the_same_change_on_both_sides_is_not_a_conflict():
    both = BASE.replace("three", "four")
    assert merge(BASE, both, both) == clean(both)


def test_a_change_made_on_both_sides_plus_one_more_on_one_side_merges():
    theirs = BASE.replace("three", "four")
    yours = BASE.replace("three", "four").replace("makerspace", "maker space")
    assert merge(BASE, theirs, yours) == clean(yours)


def test_a_shared_change_directly_followed_by_one_side_s_change_conflicts():
    # No unchanged word separates them, so the two changes cannot be told apart.
    theirs = BASE.replace("three", "four")
    yours = BASE.replace("three printers.", "four printers and a laser cutter.")
    assert merge(BASE, theirs, yours) == CONFLICT


def test_deleting_a_line_the_other_side_edited_conflicts():
    theirs = BASE.replace("Volunteers ran weekly sessions for teenagers.\n\n", "")
    yours = BASE.replace("weekly", "fortnightly")
    assert merge(BASE, theirs, yours) == CONFLICT
    assert merge(BASE, yours, theirs) == CONFLICT


def test_deleting_a_line_and_editing_another_merge():
    theirs = BASE.replace("Volunteers ran weekly sessions for teenagers.\n\n", "")
    yours = BASE.replace("in summer", "in winter")
    assert merge(BASE, theirs, yours) == clean(theirs.replace("in summer", "in winter"))


def test_both_adding_a_paragraph_at_the_end_conflicts():
    # Both additions land at the same place: which comes first cannot be known,
    # and they may say the same thing twice, so the second member decides.
    theirs = BASE + "\nA grant paid for the cutter.\n"
    yours = BASE + "\nWe plan a sewing corner.\n"
    assert merge(BASE, theirs, yours) == CONFLICT


def test_adding_at_the_end_and_editing_elsewhere_merge():
    theirs = BASE + "\nA grant paid for the cutter.\n"
    yours = BASE.replace("three", "four")
    assert merge(BASE, theirs, yours) == clean(yours + "\nA grant paid for the cutter.\n")


def test_windows_line_endings_are_merged_as_unix_ones():
    crlf = BASE.replace("\n", "\r\n")
    theirs = crlf.replace("weekly", "fortnightly")
    yours = BASE.replace("teenagers", "young adults")
    result = merge(crlf, theirs, yours)
    assert result == clean(BASE.replace("weekly", "fortnightly").replace("teenagers",
                                                                         "young adults"))


def test_a_side_differing_from_base_only_in_line_endings_is_no_change():
    assert merge(BASE, BASE.replace("\n", "\r\n"), BASE + "More.\n") == clean(BASE + "More.\n")


def test_empty_base_with_two_different_texts_conflicts():
    assert merge("", "Written by one member.\n", "Written by another.\n") == CONFLICT


def test_empty_base_with_the_same_text_on_both_sides_merges():
    assert merge("", "Same words.\n", "Same words.\n") == clean("Same words.\n")


def test_an_unchanged_side_gives_the_other_side():
    assert merge(BASE, BASE, "") == clean("")
    assert merge(BASE, "", BASE) == clean("")


def test_text_without_a_final_newline_merges():
    base = "first line\nsecond line"
    assert merge(base, "first LINE\nsecond line", "first line\nsecond LINE") == clean(
        "first LINE\nsecond LINE")


def test_only_newline_ends_a_line():
    # str.splitlines would also split at form feeds and the like: text must survive.
    base = "a\x0cb\u2028c\nd\n"
    assert merge(base, base.replace("a", "A"), base.replace("d", "D")) == clean(
        "A\x0cb\u2028c\nD\n")


def test_nothing_is_lost_when_the_word_merge_is_clean():
    base = "one two three four five six seven\n"
    theirs = "one TWO three four five six seven\n"
    yours = "one two three four five SIX seven\n"
    assert merge(base, theirs, yours) == clean("one TWO three four five SIX seven\n")


text = st.text(alphabet=st.sampled_from("ab \n\r.é<"), max_size=60)
lf_text = st.text(alphabet=st.sampled_from("ab \n.é<"), max_size=60)


def normalised(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


@given(lf_text, lf_text)
def test_an_unchanged_side_always_gives_the_other(base, other):
    assert merge(base, base, other) == clean(other)
    assert merge(base, other, base) == clean(other)


@given(text, text)
def test_with_any_line_endings_an_unchanged_side_gives_the_other_normalised(base, other):
    assert merge(base, base, other) == clean(normalised(other))
    assert merge(base, other, base) == clean(normalised(other))


@given(text, text, text)
def test_who_saved_first_does_not_change_the_outcome(base, theirs, yours):
    result = merge(base, theirs, yours)
    assert result.conflicted == (result.text is None)
    assert merge(base, yours, theirs) == result


@given(text, text)
def test_the_same_edit_on_both_sides_always_merges(base, both):
    assert merge(base, both, both) == clean(normalised(both))
