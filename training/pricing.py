"""The price and tipping rules of a training campaign, as pure functions of whole numbers.

Money is in integer minor units (pence, cents) throughout; nothing here touches the
database, so the rules are tested on their own (tests/training/test_pricing.py, with
hypothesis properties).

- The price per head for n seats is ceil((fixed + per_head * n) / n): it never rises as n
  grows (the fixed fee is shared by more people; the per-head part stays).
- A pledge counts only if the most its organisation will pay per head (`max_price`) is at
  least the price. Removing the pledges under the price raises the price (fewer seats
  share the fixed fee), which may put more under it: remove and compute again until
  nothing changes. The set only shrinks, so this ends (at most one round per pledge).
- Seats beyond `max_participants` do not count: pledges count in the order they were
  first made, and one that would overflow the cap is skipped (the service refuses such a
  pledge in the first place; the rule is kept here too so the count is always capped).
- A campaign tips exactly when the counted seats reach `min_participants` and, if a money
  target is set, the pooled money (price per head times counted seats) reaches it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Bounds of every amount and count a member may enter (minor units; seats).
MONEY_MAX = 10**11  # 1,000,000,000.00 in a two-digit currency: more than any training
SEATS_MAX = 10_000


@dataclass(frozen=True)
class Pledge:
    """What the rule needs of a pledge: an id, seats (>= 1) and the ceiling per head."""

    id: int
    seats: int
    max_price: int


@dataclass(frozen=True)
class Tally:
    """The outcome of counting: which pledges count, their seats, the price per head and
    the money pooled at that price."""

    counted: tuple[int, ...]
    seats: int
    price: int | None  # None: no seat counts (no price to show)
    pooled: int


def price_per_head(fixed: int, per_head: int, seats: int) -> int:
    """ceil((fixed + per_head * seats) / seats), in minor units; seats >= 1."""
    if seats < 1:
        raise ValueError("the price per head needs at least one seat")
    if fixed < 0 or per_head < 0:
        raise ValueError("fees are never negative")
    return -(-(fixed + per_head * seats) // seats)


def _capped(pledges: Sequence[Pledge], cap: int | None) -> list[Pledge]:
    if cap is None:
        return list(pledges)
    kept, seats = [], 0
    for pledge in pledges:
        if seats + pledge.seats <= cap:
            kept.append(pledge)
            seats += pledge.seats
    return kept


def tally(pledges: Iterable[Pledge], fixed: int, per_head: int,
          max_participants: int | None = None) -> Tally:
    """Count the pledges (in the order given: the order they were first made): cap at
    `max_participants`, then drop those whose ceiling is under the price and compute
    again until nothing changes."""
    candidates = [pledge for pledge in pledges if pledge.seats >= 1]
    while True:
        kept = _capped(candidates, max_participants)
        seats = sum(pledge.seats for pledge in kept)
        if seats == 0:
            return Tally((), 0, None, 0)
        price = price_per_head(fixed, per_head, seats)
        remaining = [pledge for pledge in candidates if pledge.max_price >= price]
        if len(remaining) == len(candidates):
            return Tally(tuple(pledge.id for pledge in kept), seats, price, price * seats)
        candidates = remaining


def tips(seats: int, pooled: int, min_participants: int, target: int | None) -> bool:
    """All or nothing: enough seats, and enough money if a target is set."""
    return seats >= min_participants and (target is None or pooled >= target)


def seats_needed(seats: int, min_participants: int) -> int:
    return max(0, min_participants - seats)


def price_ladder(fixed: int, per_head: int, seats: int, steps: Sequence[int] = (1, 2, 5),
                 max_participants: int | None = None) -> list[tuple[int, int]]:
    """What the price falls to with a few more seats: (seats, price) pairs, within the cap."""
    ladder = []
    for step in steps:
        more = seats + step
        if max_participants is not None and more > max_participants:
            break
        ladder.append((more, price_per_head(fixed, per_head, more)))
    return ladder
