"""Demo articles: best-practice write-ups by the demo members, each with a revision history.

Written for Commonplace (not copied from anywhere). Every revision holds the full Markdown
text of the article after that edit, so bylines, histories, diffs and wikilinks (including
a few red links to articles nobody has written yet) all have something to show.
"""

ARTICLES: list[dict] = [
    {
        "title": "Starting a library makerspace",
        "tags": ["makerspaces", "teens", "technology"],
        "sectors": ["public", "school"],
        "revisions": [
            (
                "maria.lopez",
                "First draft from our two years at Riverside",
                """## The problem or context

Teen attendence at our branch had dropped to a handful of regulars by the time the building was
refurbished in 2021.
Homework help still brought students in after school, but nothing made them stay.
In a short survey, teens told us they wanted somewhere to make things, not just somewhere quiet
to sit.

## The practice

We turned a little-used meeting room of about 40 square metres into a makerspace that is open
three afternoons a week and on Saturday mornings.
It is always staffed, never self-service, and every session has a loose theme (badges, light-up
cards, phone stands) so that first-timers have something to start with.

- **Start with low-cost, low-risk kit:** a vinyl cutter, two 3D printers, a sewing machine,
    twelve microcontroller kits and plenty of cardboard.
    Laser cutters and soldering can wait until the routines work.
- **Induct before anyone uses a machine.** A 20-minute induction per machine, recorded on a
    laminated sheet by the door.
    We moved the record to a spreadsheet after the first term.
- **Let teens lead.** By the second term, three regulars were running the Saturday 3D printing
    clinic themselves, with a member of staff in the room.
- **Keep a project shelf** where unfinished work can wait a week without being tidied away.
    Nothing kills a project faster than finding it in the recycling.

Safety sign-off matters more than the equipment.
We wrote a one-page risk assessment for each machine with the council's health and safety
adviser before opening, and we review them every September.

## What it took (staff, money, time)

Set-up took about five months from first proposal to opening night.
The money came from a local business improvement fund and our own stock budget.

| Item | Cost |
|---|---|
| Two 3D printers and spare parts | £1,400 |
| Vinyl cutter and materials | £450 |
| Sewing machine and haberdashery | £300 |
| Microcontroller kits (12) | £480 |
| Storage, benches and safety kit | £900 |
| **Total** | **£3,530** |

Staffing is the real cost: two staff for each three-hour session, which comes to roughly 24
staff hours a week.
We trained four colleagues rather than relying on one enthusiast, so sessions survive holidays
and sickness.

## Outcomes and evidence

In the first year we recorded 1,850 visits to makerspace sessions and about 60 regular teen
users.
Forty percent of the regulars had not held a library card before their first session.

We ask teens to photograph finished projects for a wall display.
It has become our best evidence when we report to the council, and the best advert for new
users.

## Pitfalls

- Printers jam.
    Expect one to be out of action most weeks, and keep a log of fixes so the next person does
    not start from scratch.
- Do not open with a long list of rules.
    Three rules on the wall (ask before using a machine, tidy your space, be kind) worked better
    than twelve.
- Be honest about noise.
    The space is next to the study area, so loud sessions moved to Saturdays.

## Who to contact

Our teen services librarian (maria.lopez) is happy to talk through session plans and risk
assessments.
""",
            ),
            (
                "ben.walsh",
                "Added device lending lessons",
                """## The problem or context

Teen attendence at our branch had dropped to a handful of regulars by the time the building was
refurbished in 2021.
Homework help still brought students in after school, but nothing made them stay.
In a short survey, teens told us they wanted somewhere to make things, not just somewhere quiet
to sit.

## The practice

We turned a little-used meeting room of about 40 square metres into a makerspace that is open
three afternoons a week and on Saturday mornings.
It is always staffed, never self-service, and every session has a loose theme (badges, light-up
cards, phone stands) so that first-timers have something to start with.

- **Start with low-cost, low-risk kit:** a vinyl cutter, two 3D printers, a sewing machine,
    twelve microcontroller kits and plenty of cardboard.
    Laser cutters and soldering can wait until the routines work.
- **Induct before anyone uses a machine.** A 20-minute induction per machine, recorded on a
    laminated sheet by the door.
    We moved the record to a spreadsheet after the first term.
- **Let teens lead.** By the second term, three regulars were running the Saturday 3D printing
    clinic themselves, with a member of staff in the room.
- **Keep a project shelf** where unfinished work can wait a week without being tidied away.
    Nothing kills a project faster than finding it in the recycling.
- **Lend the simpler kit.** Microcontroller kits and the button badge maker now go out on a
    two-week loan like any other item, in a labelled box with a contents list.
    See [[Device lending and digital inclusion]] for how we catalogue and check kit on return.

Safety sign-off matters more than the equipment.
We wrote a one-page risk assessment for each machine with the council's health and safety
adviser before opening, and we review them every September.

## What it took (staff, money, time)

Set-up took about five months from first proposal to opening night.
The money came from a local business improvement fund and our own stock budget.

| Item | Cost |
|---|---|
| Two 3D printers and spare parts | £1,400 |
| Vinyl cutter and materials | £450 |
| Sewing machine and haberdashery | £300 |
| Microcontroller kits (12) | £480 |
| Storage, benches and safety kit | £900 |
| **Total** | **£3,530** |

Staffing is the real cost: two staff for each three-hour session, which comes to roughly 24
staff hours a week.
We trained four colleagues rather than relying on one enthusiast, so sessions survive holidays
and sickness.

Budget around £300 a year for filament, vinyl and replacement parts.
Nozzles and print beds wear out faster than you expect, and lent kits lose the odd cable.

## Outcomes and evidence

In the first year we recorded 1,850 visits to makerspace sessions and about 60 regular teen
users.
Forty percent of the regulars had not held a library card before their first session.

We ask teens to photograph finished projects for a wall display.
It has become our best evidence when we report to the council, and the best advert for new
users.

## Pitfalls

- Printers jam.
    Expect one to be out of action most weeks, and keep a log of fixes so the next person does
    not start from scratch.
- Do not open with a long list of rules.
    Three rules on the wall (ask before using a machine, tidy your space, be kind) worked better
    than twelve.
- Be honest about noise.
    The space is next to the study area, so loud sessions moved to Saturdays.

## Who to contact

Our teen services librarian (maria.lopez) is happy to talk through session plans and risk
assessments.
For lending kit, ask the digital inclusion lead (ben.walsh).
""",
            ),
            (
                "lena.b",
                "Linked the marketing article and added a resources list",
                """## The problem or context

Teen attendence at our branch had dropped to a handful of regulars by the time the building was
refurbished in 2021.
Homework help still brought students in after school, but nothing made them stay.
In a short survey, teens told us they wanted somewhere to make things, not just somewhere quiet
to sit.

## The practice

We turned a little-used meeting room of about 40 square metres into a makerspace that is open
three afternoons a week and on Saturday mornings.
It is always staffed, never self-service, and every session has a loose theme (badges, light-up
cards, phone stands) so that first-timers have something to start with.

- **Start with low-cost, low-risk kit:** a vinyl cutter, two 3D printers, a sewing machine,
    twelve microcontroller kits and plenty of cardboard.
    Laser cutters and soldering can wait until the routines work.
- **Induct before anyone uses a machine.** A 20-minute induction per machine, recorded on a
    laminated sheet by the door.
    We moved the record to a spreadsheet after the first term.
- **Let teens lead.** By the second term, three regulars were running the Saturday 3D printing
    clinic themselves, with a member of staff in the room.
- **Keep a project shelf** where unfinished work can wait a week without being tidied away.
    Nothing kills a project faster than finding it in the recycling.
- **Lend the simpler kit.** Microcontroller kits and the button badge maker now go out on a
    two-week loan like any other item, in a labelled box with a contents list.
    See [[Device lending and digital inclusion]] for how we catalogue and check kit on return.

Safety sign-off matters more than the equipment.
We wrote a one-page risk assessment for each machine with the council's health and safety
adviser before opening, and we review them every September.

## What it took (staff, money, time)

Set-up took about five months from first proposal to opening night.
The money came from a local business improvement fund and our own stock budget.

| Item | Cost |
|---|---|
| Two 3D printers and spare parts | £1,400 |
| Vinyl cutter and materials | £450 |
| Sewing machine and haberdashery | £300 |
| Microcontroller kits (12) | £480 |
| Storage, benches and safety kit | £900 |
| **Total** | **£3,530** |

Staffing is the real cost: two staff for each three-hour session, which comes to roughly 24
staff hours a week.
We trained four colleagues rather than relying on one enthusiast, so sessions survive holidays
and sickness.

Budget around £300 a year for filament, vinyl and replacement parts.
Nozzles and print beds wear out faster than you expect, and lent kits lose the odd cable.

## Outcomes and evidence

In the first year we recorded 1,850 visits to makerspace sessions and about 60 regular teen
users.
Forty percent of the regulars had not held a library card before their first session.

We ask teens to photograph finished projects for a wall display.
It has become our best evidence when we report to the council, and the best advert for new
users.

A short monthly post showing teen projects does more than any poster; the approach is described
in [[Library marketing on a shoestring]].

## Pitfalls

- Printers jam.
    Expect one to be out of action most weeks, and keep a log of fixes so the next person does
    not start from scratch.
- Do not open with a long list of rules.
    Three rules on the wall (ask before using a machine, tidy your space, be kind) worked better
    than twelve.
- Be honest about noise.
    The space is next to the study area, so loud sessions moved to Saturdays.

## Resources

- Our induction sheets and risk assessments are on the shared drive; ask for copies.
- For funding bids, see [[Grant writing for small libraries]].
- School librarians starting smaller can borrow ideas from
    [[Inquiry-based learning with the school library]], where making is part of project work.

## Who to contact

Our teen services librarian (maria.lopez) is happy to talk through session plans and risk
assessments.
For lending kit, ask the digital inclusion lead (ben.walsh).
""",
            ),
            (
                "agnes.admin",
                "Fixed typo",
                """## The problem or context

Teen attendance at our branch had dropped to a handful of regulars by the time the building was
refurbished in 2021.
Homework help still brought students in after school, but nothing made them stay.
In a short survey, teens told us they wanted somewhere to make things, not just somewhere quiet
to sit.

## The practice

We turned a little-used meeting room of about 40 square metres into a makerspace that is open
three afternoons a week and on Saturday mornings.
It is always staffed, never self-service, and every session has a loose theme (badges, light-up
cards, phone stands) so that first-timers have something to start with.

- **Start with low-cost, low-risk kit:** a vinyl cutter, two 3D printers, a sewing machine,
    twelve microcontroller kits and plenty of cardboard.
    Laser cutters and soldering can wait until the routines work.
- **Induct before anyone uses a machine.** A 20-minute induction per machine, recorded on a
    laminated sheet by the door.
    We moved the record to a spreadsheet after the first term.
- **Let teens lead.** By the second term, three regulars were running the Saturday 3D printing
    clinic themselves, with a member of staff in the room.
- **Keep a project shelf** where unfinished work can wait a week without being tidied away.
    Nothing kills a project faster than finding it in the recycling.
- **Lend the simpler kit.** Microcontroller kits and the button badge maker now go out on a
    two-week loan like any other item, in a labelled box with a contents list.
    See [[Device lending and digital inclusion]] for how we catalogue and check kit on return.

Safety sign-off matters more than the equipment.
We wrote a one-page risk assessment for each machine with the council's health and safety
adviser before opening, and we review them every September.

## What it took (staff, money, time)

Set-up took about five months from first proposal to opening night.
The money came from a local business improvement fund and our own stock budget.

| Item | Cost |
|---|---|
| Two 3D printers and spare parts | £1,400 |
| Vinyl cutter and materials | £450 |
| Sewing machine and haberdashery | £300 |
| Microcontroller kits (12) | £480 |
| Storage, benches and safety kit | £900 |
| **Total** | **£3,530** |

Staffing is the real cost: two staff for each three-hour session, which comes to roughly 24
staff hours a week.
We trained four colleagues rather than relying on one enthusiast, so sessions survive holidays
and sickness.

Budget around £300 a year for filament, vinyl and replacement parts.
Nozzles and print beds wear out faster than you expect, and lent kits lose the odd cable.

## Outcomes and evidence

In the first year we recorded 1,850 visits to makerspace sessions and about 60 regular teen
users.
Forty percent of the regulars had not held a library card before their first session.

We ask teens to photograph finished projects for a wall display.
It has become our best evidence when we report to the council, and the best advert for new
users.

A short monthly post showing teen projects does more than any poster; the approach is described
in [[Library marketing on a shoestring]].

## Pitfalls

- Printers jam.
    Expect one to be out of action most weeks, and keep a log of fixes so the next person does
    not start from scratch.
- Do not open with a long list of rules.
    Three rules on the wall (ask before using a machine, tidy your space, be kind) worked better
    than twelve.
- Be honest about noise.
    The space is next to the study area, so loud sessions moved to Saturdays.

## Resources

- Our induction sheets and risk assessments are on the shared drive; ask for copies.
- For funding bids, see [[Grant writing for small libraries]].
- School librarians starting smaller can borrow ideas from
    [[Inquiry-based learning with the school library]], where making is part of project work.

## Who to contact

Our teen services librarian (maria.lopez) is happy to talk through session plans and risk
assessments.
For lending kit, ask the digital inclusion lead (ben.walsh).
""",
            ),
        ],
    },
    {
        "title": "Embedding information literacy in first-year courses",
        "tags": ["information-literacy", "teaching", "first-year"],
        "sectors": ["academic"],
        "revisions": [
            (
                "tom.chen",
                "First version, based on our pilot year",
                """## The problem or context

Our one-shot library session in welcome week reached almost every first-year student and changed
almost nothing.
By the time the first assignment was due in week six, students had forgotten it, and markers
kept reporting the same problems: no scholarly sources, weak referencing and heavy reliance on
the first page of search results.

## The practice

We stopped offering a generic welcome-week lecture.
Instead we negotiated three short sessions inside one core first-year module per department,
timed to that module's assessment points.

1. **Week 3, before the first assignment is set (30 minutes):** turning an essay question into
    search terms, in the students' own seminar groups.
2. **Week 5, while they are drafting (45 minutes, hands-on):** evaluating sources the students
    have already found, using their own search results rather than our examples.
3. **Week 9, after feedback (20 minutes):** a referencing clinic built on the actual errors
    markers saw in the first assignment.

Each session is co-planned with the module leader, and its learning outcome is written into the
module handbook, so students see it as part of the course rather than an extra.

### Terms we use with academic staff

Embedded session
: A library session scheduled inside a credit-bearing module, taught at the point of need and
    tied to an assessment.

One-shot
: A single stand-alone library session, usually in welcome week, with no follow-up.

Source criterion
: A line in the marking rubric that rewards appropriate use and citation of sources.

Point of need
: The moment a student has a real task that the skill helps with, usually a week or two before a
    deadline.

## What it took (staff, money, time)

The first year took two librarians about 120 hours between them: 40 hours of negotiation and
planning, and the rest teaching across 11 modules.
There was no extra money.
The hardest cost was giving up the welcome-week lecture, which some departments valued as a
tradition.

## Outcomes and evidence

Across the 11 modules, the share of first assignments citing at least three scholarly sources
rose from 38% to 71%, based on a sample of 200 scripts that module leaders shared with us.
Referencing errors flagged by markers in the second assignment roughly halved.

We are careful about claiming causation: several module leaders rewrote their assignment briefs
in the same year.

## Pitfalls

- Do not try to embed everywhere at once.
    Two departments in the first term is plenty.
- Expect timetable changes, and confirm each session with the module leader the week before.
- Keep each session to one outcome.
    Ours got worse every time we added "just one more thing".

## Who to contact

The information literacy coordinator (tom.chen) for lesson plans and rubric wording.
""",
            ),
            (
                "c.dubois",
                "Added the marking criterion lesson and a partnership link",
                """## The problem or context

Our one-shot library session in welcome week reached almost every first-year student and changed
almost nothing.
By the time the first assignment was due in week six, students had forgotten it, and markers
kept reporting the same problems: no scholarly sources, weak referencing and heavy reliance on
the first page of search results.

## The practice

We stopped offering a generic welcome-week lecture.
Instead we negotiated three short sessions inside one core first-year module per department,
timed to that module's assessment points.

1. **Week 3, before the first assignment is set (30 minutes):** turning an essay question into
    search terms, in the students' own seminar groups.
2. **Week 5, while they are drafting (45 minutes, hands-on):** evaluating sources the students
    have already found, using their own search results rather than our examples.
3. **Week 9, after feedback (20 minutes):** a referencing clinic built on the actual errors
    markers saw in the first assignment.

Each session is co-planned with the module leader, and its learning outcome is written into the
module handbook, so students see it as part of the course rather than an extra.

The single biggest lever was persuading module leaders to add one marking criterion on the use
of sources.
Once it counted towards the grade, attendance stopped being a problem.

### Terms we use with academic staff

Embedded session
: A library session scheduled inside a credit-bearing module, taught at the point of need and
    tied to an assessment.

One-shot
: A single stand-alone library session, usually in welcome week, with no follow-up.

Source criterion
: A line in the marking rubric that rewards appropriate use and citation of sources.

Point of need
: The moment a student has a real task that the skill helps with, usually a week or two before a
    deadline.

## What it took (staff, money, time)

The first year took two librarians about 120 hours between them: 40 hours of negotiation and
planning, and the rest teaching across 11 modules.
There was no extra money.
The hardest cost was giving up the welcome-week lecture, which some departments valued as a
tradition.

## Outcomes and evidence

Across the 11 modules, the share of first assignments citing at least three scholarly sources
rose from 38% to 71%, based on a sample of 200 scripts that module leaders shared with us.
Referencing errors flagged by markers in the second assignment roughly halved.

We are careful about claiming causation: several module leaders rewrote their assignment briefs
in the same year.

## Pitfalls

- Do not try to embed everywhere at once.
    Two departments in the first term is plenty.
- Expect timetable changes, and confirm each session with the module leader the week before.
- Keep each session to one outcome.
    Ours got worse every time we added "just one more thing".

## Resources

Lesson plans and the rubric wording are in the teaching folder.
For work with public libraries on the same skills before students arrive, see
[[Cross-sector partnerships between public and academic libraries]].

## Who to contact

The information literacy coordinator (tom.chen) for lesson plans and rubric wording, and our
outreach librarian (c.dubois) for work with schools and colleges.
""",
            ),
            (
                "r.adeyemi",
                "Added a section on students arriving from school projects",
                """## The problem or context

Our one-shot library session in welcome week reached almost every first-year student and changed
almost nothing.
By the time the first assignment was due in week six, students had forgotten it, and markers
kept reporting the same problems: no scholarly sources, weak referencing and heavy reliance on
the first page of search results.

## The practice

We stopped offering a generic welcome-week lecture.
Instead we negotiated three short sessions inside one core first-year module per department,
timed to that module's assessment points.

1. **Week 3, before the first assignment is set (30 minutes):** turning an essay question into
    search terms, in the students' own seminar groups.
2. **Week 5, while they are drafting (45 minutes, hands-on):** evaluating sources the students
    have already found, using their own search results rather than our examples.
3. **Week 9, after feedback (20 minutes):** a referencing clinic built on the actual errors
    markers saw in the first assignment.

Each session is co-planned with the module leader, and its learning outcome is written into the
module handbook, so students see it as part of the course rather than an extra.

The single biggest lever was persuading module leaders to add one marking criterion on the use
of sources.
Once it counted towards the grade, attendance stopped being a problem.

### Students arriving from school projects

Many students arrive having done an extended project or inquiry work at school, and they are
already used to framing questions and keeping a research log (see
[[Inquiry-based learning with the school library]]).
In week 3 we now ask who has done one, and pair those students with students who have not.
It saves time and the experienced students enjoy it.

### Terms we use with academic staff

Embedded session
: A library session scheduled inside a credit-bearing module, taught at the point of need and
    tied to an assessment.

One-shot
: A single stand-alone library session, usually in welcome week, with no follow-up.

Source criterion
: A line in the marking rubric that rewards appropriate use and citation of sources.

Point of need
: The moment a student has a real task that the skill helps with, usually a week or two before a
    deadline.

## What it took (staff, money, time)

The first year took two librarians about 120 hours between them: 40 hours of negotiation and
planning, and the rest teaching across 11 modules.
There was no extra money.
The hardest cost was giving up the welcome-week lecture, which some departments valued as a
tradition.

## Outcomes and evidence

Across the 11 modules, the share of first assignments citing at least three scholarly sources
rose from 38% to 71%, based on a sample of 200 scripts that module leaders shared with us.
Referencing errors flagged by markers in the second assignment roughly halved.

We are careful about claiming causation: several module leaders rewrote their assignment briefs
in the same year.

## Pitfalls

- Do not try to embed everywhere at once.
    Two departments in the first term is plenty.
- Expect timetable changes, and confirm each session with the module leader the week before.
- Keep each session to one outcome.
    Ours got worse every time we added "just one more thing".

## Resources

Lesson plans and the rubric wording are in the teaching folder.
For work with public libraries on the same skills before students arrive, see
[[Cross-sector partnerships between public and academic libraries]].

## Who to contact

The information literacy coordinator (tom.chen) for lesson plans and rubric wording, and our
outreach librarian (c.dubois) for work with schools and colleges.
""",
            ),
            (
                "sam.k",
                "Added a note on data and repository literacy for science modules",
                """## The problem or context

Our one-shot library session in welcome week reached almost every first-year student and changed
almost nothing.
By the time the first assignment was due in week six, students had forgotten it, and markers
kept reporting the same problems: no scholarly sources, weak referencing and heavy reliance on
the first page of search results.

## The practice

We stopped offering a generic welcome-week lecture.
Instead we negotiated three short sessions inside one core first-year module per department,
timed to that module's assessment points.

1. **Week 3, before the first assignment is set (30 minutes):** turning an essay question into
    search terms, in the students' own seminar groups.
2. **Week 5, while they are drafting (45 minutes, hands-on):** evaluating sources the students
    have already found, using their own search results rather than our examples.
3. **Week 9, after feedback (20 minutes):** a referencing clinic built on the actual errors
    markers saw in the first assignment.

Each session is co-planned with the module leader, and its learning outcome is written into the
module handbook, so students see it as part of the course rather than an extra.

The single biggest lever was persuading module leaders to add one marking criterion on the use
of sources.
Once it counted towards the grade, attendance stopped being a problem.

### Students arriving from school projects

Many students arrive having done an extended project or inquiry work at school, and they are
already used to framing questions and keeping a research log (see
[[Inquiry-based learning with the school library]]).
In week 3 we now ask who has done one, and pair those students with students who have not.
It saves time and the experienced students enjoy it.

### Data and the repository in science modules

In science departments we add ten minutes to the week 5 session on finding published datasets
and on what the institutional repository is for, because final-year projects increasingly ask
students to deposit their data.
Introducing the idea in first year means the final-year conversation starts from somewhere.

### Terms we use with academic staff

Embedded session
: A library session scheduled inside a credit-bearing module, taught at the point of need and
    tied to an assessment.

One-shot
: A single stand-alone library session, usually in welcome week, with no follow-up.

Source criterion
: A line in the marking rubric that rewards appropriate use and citation of sources.

Point of need
: The moment a student has a real task that the skill helps with, usually a week or two before a
    deadline.

## What it took (staff, money, time)

The first year took two librarians about 120 hours between them: 40 hours of negotiation and
planning, and the rest teaching across 11 modules.
There was no extra money.
The hardest cost was giving up the welcome-week lecture, which some departments valued as a
tradition.

## Outcomes and evidence

Across the 11 modules, the share of first assignments citing at least three scholarly sources
rose from 38% to 71%, based on a sample of 200 scripts that module leaders shared with us.
Referencing errors flagged by markers in the second assignment roughly halved.

We are careful about claiming causation: several module leaders rewrote their assignment briefs
in the same year.

## Pitfalls

- Do not try to embed everywhere at once.
    Two departments in the first term is plenty.
- Expect timetable changes, and confirm each session with the module leader the week before.
- Keep each session to one outcome.
    Ours got worse every time we added "just one more thing".

## Resources

Lesson plans and the rubric wording are in the teaching folder.
For work with public libraries on the same skills before students arrive, see
[[Cross-sector partnerships between public and academic libraries]].

## Who to contact

The information literacy coordinator (tom.chen) for lesson plans and rubric wording, and our
outreach librarian (c.dubois) for work with schools and colleges.
""",
            ),
            (
                "tom.chen",
                "Updated outcomes with second-year figures",
                """## The problem or context

Our one-shot library session in welcome week reached almost every first-year student and changed
almost nothing.
By the time the first assignment was due in week six, students had forgotten it, and markers
kept reporting the same problems: no scholarly sources, weak referencing and heavy reliance on
the first page of search results.

## The practice

We stopped offering a generic welcome-week lecture.
Instead we negotiated three short sessions inside one core first-year module per department,
timed to that module's assessment points.

1. **Week 3, before the first assignment is set (30 minutes):** turning an essay question into
    search terms, in the students' own seminar groups.
2. **Week 5, while they are drafting (45 minutes, hands-on):** evaluating sources the students
    have already found, using their own search results rather than our examples.
3. **Week 9, after feedback (20 minutes):** a referencing clinic built on the actual errors
    markers saw in the first assignment.

Each session is co-planned with the module leader, and its learning outcome is written into the
module handbook, so students see it as part of the course rather than an extra.

The single biggest lever was persuading module leaders to add one marking criterion on the use
of sources.
Once it counted towards the grade, attendance stopped being a problem.

### Students arriving from school projects

Many students arrive having done an extended project or inquiry work at school, and they are
already used to framing questions and keeping a research log (see
[[Inquiry-based learning with the school library]]).
In week 3 we now ask who has done one, and pair those students with students who have not.
It saves time and the experienced students enjoy it.

### Data and the repository in science modules

In science departments we add ten minutes to the week 5 session on finding published datasets
and on what the institutional repository is for, because final-year projects increasingly ask
students to deposit their data.
Introducing the idea in first year means the final-year conversation starts from somewhere.

### Terms we use with academic staff

Embedded session
: A library session scheduled inside a credit-bearing module, taught at the point of need and
    tied to an assessment.

One-shot
: A single stand-alone library session, usually in welcome week, with no follow-up.

Source criterion
: A line in the marking rubric that rewards appropriate use and citation of sources.

Point of need
: The moment a student has a real task that the skill helps with, usually a week or two before a
    deadline.

## What it took (staff, money, time)

The first year took two librarians about 120 hours between them: 40 hours of negotiation and
planning, and the rest teaching across 11 modules.
There was no extra money.
The hardest cost was giving up the welcome-week lecture, which some departments valued as a
tradition.

## Outcomes and evidence

Across the 11 modules, the share of first assignments citing at least three scholarly sources
rose from 38% to 71%, based on a sample of 200 scripts that module leaders shared with us.
Referencing errors flagged by markers in the second assignment roughly halved.

In the second year, across 17 modules, the figure held at 69%, which reassured us that the
first-year result was not just enthusiasm from early adopters.

We are careful about claiming causation: several module leaders rewrote their assignment briefs
in the same year.

## Pitfalls

- Do not try to embed everywhere at once.
    Two departments in the first term is plenty.
- Expect timetable changes, and confirm each session with the module leader the week before.
- Keep each session to one outcome.
    Ours got worse every time we added "just one more thing".

## Resources

Lesson plans and the rubric wording are in the teaching folder.
For work with public libraries on the same skills before students arrive, see
[[Cross-sector partnerships between public and academic libraries]].

## Who to contact

The information literacy coordinator (tom.chen) for lesson plans and rubric wording, and our
outreach librarian (c.dubois) for work with schools and colleges.
""",
            ),
        ],
    },
    {
        "title": "Readers' advisory conversations",
        "tags": ["readers-advisory", "fiction", "customer-service"],
        "sectors": ["public", "school"],
        "revisions": [
            (
                "fiona.mcrae",
                "First draft of our RA training approach",
                """## The problem or context

Most readers who ask "can you recommend something?" are not asking for a list.
They want a short conversation with someone who listens.
In our service the obstacle was staff confidence: in a survey of 46 frontline staff, only 11
said they felt comfortable suggesting books outside their own tastes.

## The practice

We trained every frontline colleague in a simple RA conversation that takes two to five minutes
and does not depend on having read the book.

1. **Ask about a book they enjoyed, not a genre.** "What was the last book you couldn't put
    down?" tells you far more than "What do you like?"
2. **Listen for appeal, not plot.** Was it the pace, the characters, the setting, the tone or
    the language?
    Reflect it back: "So you liked that it was fast and a bit dark."
3. **Offer three, not one.** Put books in their hands from the shelf where you can.
    Three options let the reader choose and take the pressure off you.
4. **Make it easy to come back.** "Tell me what you thought next time" turns a transaction into
    a relationship.

Staff are encouraged to use the OPAC and our reading-list tools in front of the reader, saying
what they are doing.
Looking something up is not a failure; it shows the reader how to do it themselves.

## What it took (staff, money, time)

A 90-minute workshop for each team, run by two staff with RA experience, and a one-page prompt
card kept at every desk.
We ran nine workshops over four months.
The only spending was on printing and cake.

## Outcomes and evidence

Six months after training, 34 of the 46 staff said they were comfortable suggesting books.
The most convincing evidence was anecdotal: regulars who now ask for a particular colleague by
name.

## Who to contact

Our readers' advisory lead (fiona.mcrae) runs the workshops and can share the prompt card.

*[OPAC]: Online public access catalogue
*[RA]: Readers' advisory
""",
            ),
            (
                "priya.n",
                "Added a section on conversations with children and teens",
                """## The problem or context

Most readers who ask "can you recommend something?" are not asking for a list.
They want a short conversation with someone who listens.
In our service the obstacle was staff confidence: in a survey of 46 frontline staff, only 11
said they felt comfortable suggesting books outside their own tastes.

## The practice

We trained every frontline colleague in a simple RA conversation that takes two to five minutes
and does not depend on having read the book.

1. **Ask about a book they enjoyed, not a genre.** "What was the last book you couldn't put
    down?" tells you far more than "What do you like?"
2. **Listen for appeal, not plot.** Was it the pace, the characters, the setting, the tone or
    the language?
    Reflect it back: "So you liked that it was fast and a bit dark."
3. **Offer three, not one.** Put books in their hands from the shelf where you can.
    Three options let the reader choose and take the pressure off you.
4. **Make it easy to come back.** "Tell me what you thought next time" turns a transaction into
    a relationship.

Staff are encouraged to use the OPAC and our reading-list tools in front of the reader, saying
what they are doing.
Looking something up is not a failure; it shows the reader how to do it themselves.

### With children and teens

The same steps work with younger readers, but the first question changes.
"What's the best thing you've read, watched or played this year?" gets an answer from reluctant
readers who would tell you they have never enjoyed a book.
Graphic novels, audiobooks and game tie-ins all count.
See [[Reading for pleasure in schools]] for how this carries into tutor time.

## What it took (staff, money, time)

A 90-minute workshop for each team, run by two staff with RA experience, and a one-page prompt
card kept at every desk.
We ran nine workshops over four months.
The only spending was on printing and cake.

## Outcomes and evidence

Six months after training, 34 of the 46 staff said they were comfortable suggesting books.
The most convincing evidence was anecdotal: regulars who now ask for a particular colleague by
name.

## Who to contact

Our readers' advisory lead (fiona.mcrae) runs the workshops and can share the prompt card.

*[OPAC]: Online public access catalogue
*[RA]: Readers' advisory
""",
            ),
            (
                "lena.b",
                "Added displays and shelf talkers",
                """## The problem or context

Most readers who ask "can you recommend something?" are not asking for a list.
They want a short conversation with someone who listens.
In our service the obstacle was staff confidence: in a survey of 46 frontline staff, only 11
said they felt comfortable suggesting books outside their own tastes.

## The practice

We trained every frontline colleague in a simple RA conversation that takes two to five minutes
and does not depend on having read the book.

1. **Ask about a book they enjoyed, not a genre.** "What was the last book you couldn't put
    down?" tells you far more than "What do you like?"
2. **Listen for appeal, not plot.** Was it the pace, the characters, the setting, the tone or
    the language?
    Reflect it back: "So you liked that it was fast and a bit dark."
3. **Offer three, not one.** Put books in their hands from the shelf where you can.
    Three options let the reader choose and take the pressure off you.
4. **Make it easy to come back.** "Tell me what you thought next time" turns a transaction into
    a relationship.

Staff are encouraged to use the OPAC and our reading-list tools in front of the reader, saying
what they are doing.
Looking something up is not a failure; it shows the reader how to do it themselves.

### With children and teens

The same steps work with younger readers, but the first question changes.
"What's the best thing you've read, watched or played this year?" gets an answer from reluctant
readers who would tell you they have never enjoyed a book.
Graphic novels, audiobooks and game tie-ins all count.
See [[Reading for pleasure in schools]] for how this carries into tutor time.

### Displays that carry the conversation

Displays keep advising when staff are busy.
A handwritten card reading "Liked the last thriller you read?
Try one of these" moves books faster than a themed display with a clever title.
We rotate them fortnightly and note which titles go out.

## What it took (staff, money, time)

A 90-minute workshop for each team, run by two staff with RA experience, and a one-page prompt
card kept at every desk.
We ran nine workshops over four months.
The only spending was on printing and cake.

## Outcomes and evidence

Six months after training, 34 of the 46 staff said they were comfortable suggesting books.
The most convincing evidence was anecdotal: regulars who now ask for a particular colleague by
name.

Loans of titles on the "liked the last..." displays ran at about three times the rate of the
same titles on the open shelves, though that comparison is rough.

## Who to contact

Our readers' advisory lead (fiona.mcrae) runs the workshops and can share the prompt card.

*[OPAC]: Online public access catalogue
*[RA]: Readers' advisory
""",
            ),
            (
                "eddie.editor",
                "Added pitfalls and a link to the book groups article",
                """## The problem or context

Most readers who ask "can you recommend something?" are not asking for a list.
They want a short conversation with someone who listens.
In our service the obstacle was staff confidence: in a survey of 46 frontline staff, only 11
said they felt comfortable suggesting books outside their own tastes.

## The practice

We trained every frontline colleague in a simple RA conversation that takes two to five minutes
and does not depend on having read the book.

1. **Ask about a book they enjoyed, not a genre.** "What was the last book you couldn't put
    down?" tells you far more than "What do you like?"
2. **Listen for appeal, not plot.** Was it the pace, the characters, the setting, the tone or
    the language?
    Reflect it back: "So you liked that it was fast and a bit dark."
3. **Offer three, not one.** Put books in their hands from the shelf where you can.
    Three options let the reader choose and take the pressure off you.
4. **Make it easy to come back.** "Tell me what you thought next time" turns a transaction into
    a relationship.

Staff are encouraged to use the OPAC and our reading-list tools in front of the reader, saying
what they are doing.
Looking something up is not a failure; it shows the reader how to do it themselves.

### With children and teens

The same steps work with younger readers, but the first question changes.
"What's the best thing you've read, watched or played this year?" gets an answer from reluctant
readers who would tell you they have never enjoyed a book.
Graphic novels, audiobooks and game tie-ins all count.
See [[Reading for pleasure in schools]] for how this carries into tutor time.

### Displays that carry the conversation

Displays keep advising when staff are busy.
A handwritten card reading "Liked the last thriller you read?
Try one of these" moves books faster than a themed display with a clever title.
We rotate them fortnightly and note which titles go out.

## What it took (staff, money, time)

A 90-minute workshop for each team, run by two staff with RA experience, and a one-page prompt
card kept at every desk.
We ran nine workshops over four months.
The only spending was on printing and cake.

## Outcomes and evidence

Six months after training, 34 of the 46 staff said they were comfortable suggesting books.
The most convincing evidence was anecdotal: regulars who now ask for a particular colleague by
name.

Loans of titles on the "liked the last..." displays ran at about three times the rate of the
same titles on the open shelves, though that comparison is rough.

## Pitfalls

- Don't test readers.
    "Have you read...?" can feel like a quiz.
- Avoid recommending only your own favourites.
    The prompt card lists three titles in genres that staff told us they never read.
- If a reader hated the last suggestion, thank them: it narrows things down.

Book groups are a good place for staff to practise; see [[Running book groups across branches]].

## Who to contact

Our readers' advisory lead (fiona.mcrae) runs the workshops and can share the prompt card.

*[OPAC]: Online public access catalogue
*[RA]: Readers' advisory
""",
            ),
        ],
    },
    {
        "title": "Digital preservation for small institutions",
        "tags": ["digital-preservation", "archives", "checklists"],
        "sectors": ["academic", "special", "other"],
        "revisions": [
            (
                "sam.k",
                "Quick starting checklist",
                """Most small institutions do not need a digital preservation system to get started.
They need to know what they have, keep more than one copy, and check that the copies have not
changed.
This checklist is the order we would do things in with one member of staff and no budget.

## A starting checklist

1. **Find out what you have.** Make a simple inventory: where the files are, roughly how many,
    what formats, who owns them.
    A spreadsheet is fine.
2. **Keep at least three copies in two different places.** One working copy, one on separate
    storage on site, and one off site or with a cloud provider.
3. **Record checksums** when files come in, and check them on a schedule.
4. **Choose formats you will still be able to open in ten years,** and keep the original
    alongside any converted copy.
5. **Write down what you did.** A one-page policy is better than no policy.

## What it took (staff, money, time)

For us, about two days a month of one person's time in the first year, and under £400 a year for
storage.
The inventory is the biggest single piece of work: do it first, and do not wait for a perfect
system.
""",
            ),
            (
                "amira.h",
                "Restructured around the three-copies rule and added our archive experience",
                """Most small institutions do not need a digital preservation system to get started.
They need to know what they have, keep more than one copy, and check that the copies have not
changed.
This checklist is the order we would do things in with one member of staff and no budget.

## The problem or context

Small archives, museums, departmental collections and community groups increasingly hold
material that exists only in digital form: born-digital photographs, oral history recordings,
scanned registers, email.
Unlike paper, it can become unreadable without anyone noticing, and it is usually one accidental
deletion away from being lost.

## A starting checklist

1. **Find out what you have.** Make an inventory in a spreadsheet: location, approximate size,
    number of files, main formats, who created them and who can make decisions about them.
    Our first inventory took eleven days and found 4.2 TB across 19 locations, including three
    external hard drives in a cupboard.
2. **Keep three copies in two places.** One working copy, one on separate storage on site, and
    one off site.
    A second hard drive taken home by a volunteer is not good enough; cloud storage with
    versioning costs less than most people expect (we pay roughly £8 per terabyte per month).
3. **Record checksums and check them.** A checksum is a fingerprint for a file.
    Create one when material arrives and check it at least twice a year.
    If a checksum has changed and nobody changed the file, restore it from another copy.
4. **Prefer open, widely used formats:** TIFF for master images, PDF/A for documents, WAV for
    audio.
    Keep the original file as well; conversions lose things that you might not notice for years.
5. **Record what you did and why.** A one-page policy, plus a log of transfers, format
    conversions and checks.
    The next person will thank you.
6. **Decide who can delete.** Most of the loss we have seen was human: someone tidying a shared
    drive.
    Restrict delete rights on the preservation copy to two named roles.

## What it took (staff, money, time)

For us, about two days a month of one person's time in the first year, and under £400 a year for
storage.
The inventory is the biggest single piece of work: do it first, and do not wait for a perfect
system.

For a volunteer-run group the same checklist works at a smaller scale.
One of our community partners keeps 300 GB on a small network drive and a cloud account for
about £60 a year.

## Common traps

- **Treating backup as preservation.** Backups overwrite.
    If a file is corrupted and nobody notices, the corruption is backed up too.
- **Keeping only access copies.** Images resized for the web are not a substitute for the
    original scans.
- **Waiting for a system.** You can do everything on this page without one, and the inventory
    will make choosing one much easier later.
""",
            ),
            (
                "agnes.admin",
                "Added a worked example of checksums with standard tools",
                """Most small institutions do not need a digital preservation system to get started.
They need to know what they have, keep more than one copy, and check that the copies have not
changed.
This checklist is the order we would do things in with one member of staff and no budget.

## The problem or context

Small archives, museums, departmental collections and community groups increasingly hold
material that exists only in digital form: born-digital photographs, oral history recordings,
scanned registers, email.
Unlike paper, it can become unreadable without anyone noticing, and it is usually one accidental
deletion away from being lost.

## A starting checklist

1. **Find out what you have.** Make an inventory in a spreadsheet: location, approximate size,
    number of files, main formats, who created them and who can make decisions about them.
    Our first inventory took eleven days and found 4.2 TB across 19 locations, including three
    external hard drives in a cupboard.
2. **Keep three copies in two places.** One working copy, one on separate storage on site, and
    one off site.
    A second hard drive taken home by a volunteer is not good enough; cloud storage with
    versioning costs less than most people expect (we pay roughly £8 per terabyte per month).
3. **Record checksums and check them.** A checksum is a fingerprint for a file.
    Create one when material arrives and check it at least twice a year.
    If a checksum has changed and nobody changed the file, restore it from another copy.
4. **Prefer open, widely used formats:** TIFF for master images, PDF/A for documents, WAV for
    audio.
    Keep the original file as well; conversions lose things that you might not notice for years.
5. **Record what you did and why.** A one-page policy, plus a log of transfers, format
    conversions and checks.
    The next person will thank you.
6. **Decide who can delete.** Most of the loss we have seen was human: someone tidying a shared
    drive.
    Restrict delete rights on the preservation copy to two named roles.

### Checksums without special software

On Linux or macOS the standard tools are enough.
Create a manifest when a collection arrives, then verify it on a schedule:

```bash
# create a manifest for everything in the collection folder
cd /archive/collection-042
find . -type f ! -name manifest.sha256 -exec sha256sum {} + > manifest.sha256

# later: verify the files; only failures are printed
sha256sum --check --quiet manifest.sha256
```

On Windows, the `Get-FileHash` command in PowerShell does the same job.
Several free tools wrap this in a friendlier interface and produce BagIt packages, which are
worth learning once you are comfortable with the basics.

## What it took (staff, money, time)

For us, about two days a month of one person's time in the first year, and under £400 a year for
storage.
The inventory is the biggest single piece of work: do it first, and do not wait for a perfect
system.

For a volunteer-run group the same checklist works at a smaller scale.
One of our community partners keeps 300 GB on a small network drive and a cloud account for
about £60 a year.

## Common traps

- **Treating backup as preservation.** Backups overwrite.
    If a file is corrupted and nobody notices, the corruption is backed up too.
- **Keeping only access copies.** Images resized for the web are not a substitute for the
    original scans.
- **Waiting for a system.** You can do everything on this page without one, and the inventory
    will make choosing one much easier later.
""",
            ),
            (
                "sam.k",
                "Added our repository results, resources and contacts",
                """Most small institutions do not need a digital preservation system to get started.
They need to know what they have, keep more than one copy, and check that the copies have not
changed.
This checklist is the order we would do things in with one member of staff and no budget.

## The problem or context

Small archives, museums, departmental collections and community groups increasingly hold
material that exists only in digital form: born-digital photographs, oral history recordings,
scanned registers, email.
Unlike paper, it can become unreadable without anyone noticing, and it is usually one accidental
deletion away from being lost.

## A starting checklist

1. **Find out what you have.** Make an inventory in a spreadsheet: location, approximate size,
    number of files, main formats, who created them and who can make decisions about them.
    Our first inventory took eleven days and found 4.2 TB across 19 locations, including three
    external hard drives in a cupboard.
2. **Keep three copies in two places.** One working copy, one on separate storage on site, and
    one off site.
    A second hard drive taken home by a volunteer is not good enough; cloud storage with
    versioning costs less than most people expect (we pay roughly £8 per terabyte per month).
3. **Record checksums and check them.** A checksum is a fingerprint for a file.
    Create one when material arrives and check it at least twice a year.
    If a checksum has changed and nobody changed the file, restore it from another copy.
4. **Prefer open, widely used formats:** TIFF for master images, PDF/A for documents, WAV for
    audio.
    Keep the original file as well; conversions lose things that you might not notice for years.
5. **Record what you did and why.** A one-page policy, plus a log of transfers, format
    conversions and checks.
    The next person will thank you.
6. **Decide who can delete.** Most of the loss we have seen was human: someone tidying a shared
    drive.
    Restrict delete rights on the preservation copy to two named roles.

### Checksums without special software

On Linux or macOS the standard tools are enough.
Create a manifest when a collection arrives, then verify it on a schedule:

```bash
# create a manifest for everything in the collection folder
cd /archive/collection-042
find . -type f ! -name manifest.sha256 -exec sha256sum {} + > manifest.sha256

# later: verify the files; only failures are printed
sha256sum --check --quiet manifest.sha256
```

On Windows, the `Get-FileHash` command in PowerShell does the same job.
Several free tools wrap this in a friendlier interface and produce BagIt packages, which are
worth learning once you are comfortable with the basics.

## What it took (staff, money, time)

For us, about two days a month of one person's time in the first year, and under £400 a year for
storage.
The inventory is the biggest single piece of work: do it first, and do not wait for a perfect
system.

For a volunteer-run group the same checklist works at a smaller scale.
One of our community partners keeps 300 GB on a small network drive and a cloud account for
about £60 a year.

## Common traps

- **Treating backup as preservation.** Backups overwrite.
    If a file is corrupted and nobody notices, the corruption is backed up too.
- **Keeping only access copies.** Images resized for the web are not a substitute for the
    original scans.
- **Waiting for a system.** You can do everything on this page without one, and the inventory
    will make choosing one much easier later.

## Outcomes and evidence

Since introducing six-monthly checks on our repository's 1.1 TB of deposits, we have found 14
files that failed their checks.
All were on a single failing drive, and each was restored from the off-site copy before anyone
had asked for it.

## Resources

If you are working with community groups, see [[Community archiving projects]].
Once the basics are in place, the published maturity models for digital preservation (such as
the NDSA levels) are a useful way to measure progress against this checklist.

## Who to contact

Our repository and preservation librarian (sam.k) for academic collections, and the digital
collections archivist (amira.h) for community and heritage material.
""",
            ),
        ],
    },
    {
        "title": "Library marketing on a shoestring",
        "tags": ["marketing", "community-engagement", "social-media"],
        "sectors": ["public", "other"],
        "revisions": [
            (
                "lena.b",
                "First draft",
                """## The problem or context

Our marketing budget for eleven branches is £1,200 a year, and most of it used to go on printed
leaflets that sat in piles on the counter.
Meanwhile the most common thing new members told us was "I didn't know the library did that."

## The practice

We moved almost all the spending from print to people, and built a small routine that any branch
can keep up in about two hours a week.

- **One message a month.** Each month has a single service we push everywhere: the makerspace,
    the home library service, free Wi-Fi and device loans.
    Everything else waits its turn.
- **Tell stories, not features.** A photo of a real project (with permission) and two sentences
    beat a poster listing opening hours.
    Our best-performing post of the year was a teenager's 3D-printed chess set.
- **Go where people already are.** Community noticeboards, school newsletters, surgery
    waiting-room screens, the residents' social media group, the supermarket's community board.
    Ask once, and keep a list of contacts so you never have to ask twice.
- **Make staff the channel.** Every desk conversation ends with one sentence about the month's
    service.
    It costs nothing and reaches people who don't use social media.
- **Borrow partners' audiences.** A local radio slot, a community centre newsletter or a college
    outreach team will often share your news if you make it easy for them.

### Where the money goes now

| Channel | Cost a year | Notes |
|---|---|---|
| Social media (three platforms) | £0 | About 90 minutes a week across branches |
| Email newsletter | £0 | Free tier, up to 2,000 subscribers |
| A3 posters, printed in house | £350 | No more leaflets |
| Paid promotion for big launches | £300 | Three or four a year |
| Display materials and a photo printer | £250 | Frames, card, ink |
| Contingency | £300 | Usually spent on event refreshments |

## What it took (staff, money, time)

One member of staff coordinates for about four hours a week, and each branch has a named person
who spends up to two.
We ran one half-day training session on taking photos with a phone and writing short posts.

## Measuring what worked

Keep it simple and consistent.
Every month we record:

- new members joined, by branch;
- attendance at the promoted service or event;
- newsletter subscribers and open rate;
- how new members heard about us (one question on the joining form).

After a year, "a friend or family member" and "saw it in the library" were still the top
answers, well ahead of social media.
That is why staff conversations are on the list above.

## Outcomes and evidence

New memberships rose 18% over two years, against a flat trend before.
Makerspace sessions filled within a week of each monthly push, and the newsletter grew from 400
to 1,650 subscribers.

## Who to contact

Our marketing and community engagement lead (lena.b) can share the monthly plan template and the
joining-form question.
""",
            ),
            (
                "maria.lopez",
                "Added what worked for reaching teens",
                """## The problem or context

Our marketing budget for eleven branches is £1,200 a year, and most of it used to go on printed
leaflets that sat in piles on the counter.
Meanwhile the most common thing new members told us was "I didn't know the library did that."

## The practice

We moved almost all the spending from print to people, and built a small routine that any branch
can keep up in about two hours a week.

- **One message a month.** Each month has a single service we push everywhere: the makerspace,
    the home library service, free Wi-Fi and device loans.
    Everything else waits its turn.
- **Tell stories, not features.** A photo of a real project (with permission) and two sentences
    beat a poster listing opening hours.
    Our best-performing post of the year was a teenager's 3D-printed chess set.
- **Go where people already are.** Community noticeboards, school newsletters, surgery
    waiting-room screens, the residents' social media group, the supermarket's community board.
    Ask once, and keep a list of contacts so you never have to ask twice.
- **Make staff the channel.** Every desk conversation ends with one sentence about the month's
    service.
    It costs nothing and reaches people who don't use social media.
- **Borrow partners' audiences.** A local radio slot, a community centre newsletter or a college
    outreach team will often share your news if you make it easy for them.

Teens rarely follow the library's own accounts.
What worked for our makerspace was giving teen volunteers a camera and letting them post from
their own accounts with a shared tag, with a quick check from staff first.
See [[Starting a library makerspace]].

### Where the money goes now

| Channel | Cost a year | Notes |
|---|---|---|
| Social media (three platforms) | £0 | About 90 minutes a week across branches |
| Email newsletter | £0 | Free tier, up to 2,000 subscribers |
| A3 posters, printed in house | £350 | No more leaflets |
| Paid promotion for big launches | £300 | Three or four a year |
| Display materials and a photo printer | £250 | Frames, card, ink |
| Contingency | £300 | Usually spent on event refreshments |

## What it took (staff, money, time)

One member of staff coordinates for about four hours a week, and each branch has a named person
who spends up to two.
We ran one half-day training session on taking photos with a phone and writing short posts.

## Measuring what worked

Keep it simple and consistent.
Every month we record:

- new members joined, by branch;
- attendance at the promoted service or event;
- newsletter subscribers and open rate;
- how new members heard about us (one question on the joining form).

After a year, "a friend or family member" and "saw it in the library" were still the top
answers, well ahead of social media.
That is why staff conversations are on the list above.

## Outcomes and evidence

New memberships rose 18% over two years, against a flat trend before.
Makerspace sessions filled within a week of each monthly push, and the newsletter grew from 400
to 1,650 subscribers.

## Who to contact

Our marketing and community engagement lead (lena.b) can share the monthly plan template and the
joining-form question.
""",
            ),
            (
                "fiona.mcrae",
                "Linked the book groups article",
                """## The problem or context

Our marketing budget for eleven branches is £1,200 a year, and most of it used to go on printed
leaflets that sat in piles on the counter.
Meanwhile the most common thing new members told us was "I didn't know the library did that."

## The practice

We moved almost all the spending from print to people, and built a small routine that any branch
can keep up in about two hours a week.

- **One message a month.** Each month has a single service we push everywhere: the makerspace,
    the home library service, free Wi-Fi and device loans.
    Everything else waits its turn.
- **Tell stories, not features.** A photo of a real project (with permission) and two sentences
    beat a poster listing opening hours.
    Our best-performing post of the year was a teenager's 3D-printed chess set.
- **Go where people already are.** Community noticeboards, school newsletters, surgery
    waiting-room screens, the residents' social media group, the supermarket's community board.
    Ask once, and keep a list of contacts so you never have to ask twice.
- **Make staff the channel.** Every desk conversation ends with one sentence about the month's
    service.
    It costs nothing and reaches people who don't use social media.
- **Borrow partners' audiences.** A local radio slot, a community centre newsletter or a college
    outreach team will often share your news if you make it easy for them.

Teens rarely follow the library's own accounts.
What worked for our makerspace was giving teen volunteers a camera and letting them post from
their own accounts with a shared tag, with a quick check from staff first.
See [[Starting a library makerspace]].

### Where the money goes now

| Channel | Cost a year | Notes |
|---|---|---|
| Social media (three platforms) | £0 | About 90 minutes a week across branches |
| Email newsletter | £0 | Free tier, up to 2,000 subscribers |
| A3 posters, printed in house | £350 | No more leaflets |
| Paid promotion for big launches | £300 | Three or four a year |
| Display materials and a photo printer | £250 | Frames, card, ink |
| Contingency | £300 | Usually spent on event refreshments |

## What it took (staff, money, time)

One member of staff coordinates for about four hours a week, and each branch has a named person
who spends up to two.
We ran one half-day training session on taking photos with a phone and writing short posts.

## Measuring what worked

Keep it simple and consistent.
Every month we record:

- new members joined, by branch;
- attendance at the promoted service or event;
- newsletter subscribers and open rate;
- how new members heard about us (one question on the joining form).

After a year, "a friend or family member" and "saw it in the library" were still the top
answers, well ahead of social media.
That is why staff conversations are on the list above.

## Outcomes and evidence

New memberships rose 18% over two years, against a flat trend before.
Makerspace sessions filled within a week of each monthly push, and the newsletter grew from 400
to 1,650 subscribers.

The same approach filled two new evening book groups in a month; see
[[Running book groups across branches]].

## Who to contact

Our marketing and community engagement lead (lena.b) can share the monthly plan template and the
joining-form question.
""",
            ),
            (
                "ben.walsh",
                "Tightened wording",
                """## The problem or context

Our marketing budget for eleven branches is £1,200 a year, and most of it used to go on printed
leaflets that sat in piles on the counter.
Meanwhile the most common thing new members told us was "I didn't know the library did that."

## The practice

We moved almost all the spending from print to people, and built a small routine that any branch
can keep up in about two hours a week.

- **One message a month.** Each month has a single service we push everywhere: the makerspace,
    the home library service, free Wi-Fi and device loans.
- **Tell stories, not features.** A photo of a real project (with permission) and two sentences
    beat a poster listing opening hours.
    Our best-performing post of the year was a teenager's 3D-printed chess set.
- **Go where people already are.** Community noticeboards, school newsletters, surgery
    waiting-room screens, the residents' social media group, the supermarket's community board.
    Ask once, and keep a list of contacts so you never have to ask twice.
- **Make staff the channel.** Every desk conversation ends with one sentence about the month's
    service.
    It costs nothing and reaches people who don't use social media.
- **Borrow partners' audiences.** A local radio slot, a community centre newsletter or a college
    outreach team will often share your news if you make it easy for them.

Teens rarely follow the library's own accounts.
What worked for our makerspace was giving teen volunteers a camera and letting them post from
their own accounts with a shared tag, with a quick check from staff first.
See [[Starting a library makerspace]].

### Where the money goes now

| Channel | Cost a year | Notes |
|---|---|---|
| Social media (three platforms) | £0 | About 90 minutes a week across branches |
| Email newsletter | £0 | Free tier, up to 2,000 subscribers |
| A3 posters, printed in house | £350 | No more leaflets |
| Paid promotion for big launches | £300 | Three or four a year |
| Display materials and a photo printer | £250 | Frames, card, ink |
| Contingency | £300 | Usually spent on event refreshments |

## What it took (staff, money, time)

One member of staff coordinates for about four hours a week, and each branch has a named person
who spends up to two.
We ran one half-day training session on phone photography and short posts.

## Outcomes and evidence

New memberships rose 18% over two years, against a flat trend before.
Makerspace sessions filled within a week of each monthly push, and the newsletter grew from 400
to 1,650 subscribers.

The same approach filled two new evening book groups in a month; see
[[Running book groups across branches]].

## Who to contact

Our marketing and community engagement lead (lena.b) can share the monthly plan template and the
joining-form question.
""",
            ),
            (
                "eddie.editor",
                "Restore the section on measuring what worked removed in the previous edit",
                """## The problem or context

Our marketing budget for eleven branches is £1,200 a year, and most of it used to go on printed
leaflets that sat in piles on the counter.
Meanwhile the most common thing new members told us was "I didn't know the library did that."

## The practice

We moved almost all the spending from print to people, and built a small routine that any branch
can keep up in about two hours a week.

- **One message a month.** Each month has a single service we push everywhere: the makerspace,
    the home library service, free Wi-Fi and device loans.
- **Tell stories, not features.** A photo of a real project (with permission) and two sentences
    beat a poster listing opening hours.
    Our best-performing post of the year was a teenager's 3D-printed chess set.
- **Go where people already are.** Community noticeboards, school newsletters, surgery
    waiting-room screens, the residents' social media group, the supermarket's community board.
    Ask once, and keep a list of contacts so you never have to ask twice.
- **Make staff the channel.** Every desk conversation ends with one sentence about the month's
    service.
    It costs nothing and reaches people who don't use social media.
- **Borrow partners' audiences.** A local radio slot, a community centre newsletter or a college
    outreach team will often share your news if you make it easy for them.

Teens rarely follow the library's own accounts.
What worked for our makerspace was giving teen volunteers a camera and letting them post from
their own accounts with a shared tag, with a quick check from staff first.
See [[Starting a library makerspace]].

### Where the money goes now

| Channel | Cost a year | Notes |
|---|---|---|
| Social media (three platforms) | £0 | About 90 minutes a week across branches |
| Email newsletter | £0 | Free tier, up to 2,000 subscribers |
| A3 posters, printed in house | £350 | No more leaflets |
| Paid promotion for big launches | £300 | Three or four a year |
| Display materials and a photo printer | £250 | Frames, card, ink |
| Contingency | £300 | Usually spent on event refreshments |

## What it took (staff, money, time)

One member of staff coordinates for about four hours a week, and each branch has a named person
who spends up to two.
We ran one half-day training session on phone photography and short posts.

## Measuring what worked

Keep it simple and consistent.
Every month we record:

- new members joined, by branch;
- attendance at the promoted service or event;
- newsletter subscribers and open rate;
- how new members heard about us (one question on the joining form).

After a year, "a friend or family member" and "saw it in the library" were still the top
answers, well ahead of social media.
That is why staff conversations are on the list above.

## Outcomes and evidence

New memberships rose 18% over two years, against a flat trend before.
Makerspace sessions filled within a week of each monthly push, and the newsletter grew from 400
to 1,650 subscribers.

The same approach filled two new evening book groups in a month; see
[[Running book groups across branches]].

## Who to contact

Our marketing and community engagement lead (lena.b) can share the monthly plan template and the
joining-form question.
""",
            ),
            (
                "lena.b",
                "Added the seed library launch as a second example",
                """## The problem or context

Our marketing budget for eleven branches is £1,200 a year, and most of it used to go on printed
leaflets that sat in piles on the counter.
Meanwhile the most common thing new members told us was "I didn't know the library did that."

## The practice

We moved almost all the spending from print to people, and built a small routine that any branch
can keep up in about two hours a week.

- **One message a month.** Each month has a single service we push everywhere: the makerspace,
    the home library service, free Wi-Fi and device loans.
- **Tell stories, not features.** A photo of a real project (with permission) and two sentences
    beat a poster listing opening hours.
    Our best-performing post of the year was a teenager's 3D-printed chess set.
- **Go where people already are.** Community noticeboards, school newsletters, surgery
    waiting-room screens, the residents' social media group, the supermarket's community board.
    Ask once, and keep a list of contacts so you never have to ask twice.
- **Make staff the channel.** Every desk conversation ends with one sentence about the month's
    service.
    It costs nothing and reaches people who don't use social media.
- **Borrow partners' audiences.** A local radio slot, a community centre newsletter or a college
    outreach team will often share your news if you make it easy for them.

Teens rarely follow the library's own accounts.
What worked for our makerspace was giving teen volunteers a camera and letting them post from
their own accounts with a shared tag, with a quick check from staff first.
See [[Starting a library makerspace]].

### Where the money goes now

| Channel | Cost a year | Notes |
|---|---|---|
| Social media (three platforms) | £0 | About 90 minutes a week across branches |
| Email newsletter | £0 | Free tier, up to 2,000 subscribers |
| A3 posters, printed in house | £350 | No more leaflets |
| Paid promotion for big launches | £300 | Three or four a year |
| Display materials and a photo printer | £250 | Frames, card, ink |
| Contingency | £300 | Usually spent on event refreshments |

## What it took (staff, money, time)

One member of staff coordinates for about four hours a week, and each branch has a named person
who spends up to two.
We ran one half-day training session on phone photography and short posts.

## Measuring what worked

Keep it simple and consistent.
Every month we record:

- new members joined, by branch;
- attendance at the promoted service or event;
- newsletter subscribers and open rate;
- how new members heard about us (one question on the joining form).

After a year, "a friend or family member" and "saw it in the library" were still the top
answers, well ahead of social media.
That is why staff conversations are on the list above.

## Outcomes and evidence

New memberships rose 18% over two years, against a flat trend before.
Makerspace sessions filled within a week of each monthly push, and the newsletter grew from 400
to 1,650 subscribers.

The same approach filled two new evening book groups in a month; see
[[Running book groups across branches]].

We used the same one-page monthly plan to launch [[Running a seed library|our seed library]]
last spring: 140 packets went out in the first fortnight, mostly to people who heard about it at
the desk.

## Who to contact

Our marketing and community engagement lead (lena.b) can share the monthly plan template and the
joining-form question.
""",
            ),
        ],
    },
    {
        "title": "Cross-sector partnerships between public and academic libraries",
        "tags": ["partnerships", "outreach", "widening-participation"],
        "sectors": ["public", "academic"],
        "revisions": [
            (
                "c.dubois",
                "First draft about our study skills pilot",
                """## The problem or context

Public and academic libraries in the same town often serve the same people at different points
in their lives, yet rarely plan anything together.
Our college library and the county's public library service had a friendly relationship but no
joint activity until 2021.

## The practice

We started with one joint project rather than a formal agreement: a series of study skills
sessions for adult learners and sixth-formers, held in two public library branches and taught by
academic librarians.

- Public library staff handled the venues, promotion and booking.
- College librarians designed and taught the sessions, adapted from
    [[Information literacy in first-year courses|embedded first-year teaching]].
- Attendees got a temporary reference pass to the college library for the summer.

## Other things partners have done together

- Shared training days: public library staff joined the college's copyright training, and
    academic staff came to readers' advisory workshops.
- Joint work with a local history society on a scanning day; see
    [[Community archiving projects]].
- Reciprocal reference access for independent researchers with no institutional affiliation.

## Outcomes and evidence

Over two terms, 14 sessions reached 210 people.
Thirty-one attendees later enrolled at the college, though we cannot say how many would have
enrolled anyway.

## Pitfalls

- **Data protection.** You cannot simply pass sign-up lists between organisations.
    Agree who is responsible for the data for each activity before anyone books.
- **Staff turnover ends partnerships.** Write things down, and make sure each side knows a
    second contact.
- **Mismatched calendars.** Academic terms and public library programming seasons rarely line
    up; plan a year ahead.

## Who to contact

Our outreach librarian (c.dubois) for the college side.
""",
            ),
            (
                "eddie.editor",
                "Rewrote as a general guide to what both sides need to agree",
                """## The problem or context

Public and academic libraries in the same town often serve the same people at different points
in their lives, yet rarely plan anything together.
Our college library and the county's public library service had a friendly relationship but no
joint activity until 2021.

Both sides had reasons to change that.
The college needed to show progress on widening participation; the public library service wanted
more adult learning in its branches and had rooms standing empty on weekday evenings.

## The practice

We started with one joint project rather than a formal agreement: a series of study skills
sessions for adult learners and sixth-formers, held in two public library branches and taught by
academic librarians.

- Public library staff handled the venues, promotion and booking.
- College librarians designed and taught the sessions, adapted from
    [[Information literacy in first-year courses|embedded first-year teaching]].
- Attendees got a temporary reference pass to the college library for the summer.

## What makes a partnership work

- **A shared audience you can both name.** "Adults returning to study" works; "the community"
    does not.
- **A named lead on each side,** with the time written into their job description rather than
    goodwill on top of it.
- **A short written agreement after the pilot, not before.** Ours is two pages: aims, who does
    what, data protection, and how either side can step back.
    We wrote it after the first term, once we knew what we were actually doing.
- **Shared measures.** Agree in advance what you will count and who counts it.
- **Something for each side to take back.** The public library got teaching expertise and new
    visitors; the college got widening-participation contacts it could report.
    Both leads need a story their managers care about.

## What it took (staff, money, time)

About six hours a week of an academic librarian's time during each term, and three hours a week
from a public library development officer.
Direct costs were under £800 a year, mostly travel and refreshments, split evenly between the
two services.

## Other things partners have done together

- Shared training days: public library staff joined the college's copyright training, and
    academic staff came to readers' advisory workshops.
- Joint work with a local history society on a scanning day; see
    [[Community archiving projects]].
- Reciprocal reference access for independent researchers with no institutional affiliation.

## Outcomes and evidence

Over two terms, 14 sessions reached 210 people.
Thirty-one attendees later enrolled at the college, though we cannot say how many would have
enrolled anyway.

## Pitfalls

- **Data protection.** You cannot simply pass sign-up lists between organisations.
    Agree who is responsible for the data for each activity before anyone books.
- **Staff turnover ends partnerships.** Write things down, and make sure each side knows a
    second contact.
- **Mismatched calendars.** Academic terms and public library programming seasons rarely line
    up; plan a year ahead.

## Who to contact

Our outreach librarian (c.dubois) for the college side, and the public library service
development lead (eddie.editor) for the public library side.
""",
            ),
            (
                "ben.walsh",
                "Added the laptop donation scheme",
                """## The problem or context

Public and academic libraries in the same town often serve the same people at different points
in their lives, yet rarely plan anything together.
Our college library and the county's public library service had a friendly relationship but no
joint activity until 2021.

Both sides had reasons to change that.
The college needed to show progress on widening participation; the public library service wanted
more adult learning in its branches and had rooms standing empty on weekday evenings.

## The practice

We started with one joint project rather than a formal agreement: a series of study skills
sessions for adult learners and sixth-formers, held in two public library branches and taught by
academic librarians.

- Public library staff handled the venues, promotion and booking.
- College librarians designed and taught the sessions, adapted from
    [[Information literacy in first-year courses|embedded first-year teaching]].
- Attendees got a temporary reference pass to the college library for the summer.

## What makes a partnership work

- **A shared audience you can both name.** "Adults returning to study" works; "the community"
    does not.
- **A named lead on each side,** with the time written into their job description rather than
    goodwill on top of it.
- **A short written agreement after the pilot, not before.** Ours is two pages: aims, who does
    what, data protection, and how either side can step back.
    We wrote it after the first term, once we knew what we were actually doing.
- **Shared measures.** Agree in advance what you will count and who counts it.
- **Something for each side to take back.** The public library got teaching expertise and new
    visitors; the college got widening-participation contacts it could report.
    Both leads need a story their managers care about.

## What it took (staff, money, time)

About six hours a week of an academic librarian's time during each term, and three hours a week
from a public library development officer.
Direct costs were under £800 a year, mostly travel and refreshments, split evenly between the
two services.

## Other things partners have done together

- Shared training days: public library staff joined the college's copyright training, and
    academic staff came to readers' advisory workshops.
- Joint work with a local history society on a scanning day; see
    [[Community archiving projects]].
- Reciprocal reference access for independent researchers with no institutional affiliation.
- Refurbished laptops: the college's IT team now passes on up to 40 wiped and refreshed laptops
    a year for the public library loan scheme; see [[Device lending and digital inclusion]].

## Outcomes and evidence

Over two terms, 14 sessions reached 210 people.
Thirty-one attendees later enrolled at the college, though we cannot say how many would have
enrolled anyway.

## Pitfalls

- **Data protection.** You cannot simply pass sign-up lists between organisations.
    Agree who is responsible for the data for each activity before anyone books.
- **Staff turnover ends partnerships.** Write things down, and make sure each side knows a
    second contact.
- **Mismatched calendars.** Academic terms and public library programming seasons rarely line
    up; plan a year ahead.

## Who to contact

Our outreach librarian (c.dubois) for the college side, and the public library service
development lead (eddie.editor) for the public library side.
""",
            ),
            (
                "tom.chen",
                "Fixed the link to the first-year teaching article",
                """## The problem or context

Public and academic libraries in the same town often serve the same people at different points
in their lives, yet rarely plan anything together.
Our college library and the county's public library service had a friendly relationship but no
joint activity until 2021.

Both sides had reasons to change that.
The college needed to show progress on widening participation; the public library service wanted
more adult learning in its branches and had rooms standing empty on weekday evenings.

## The practice

We started with one joint project rather than a formal agreement: a series of study skills
sessions for adult learners and sixth-formers, held in two public library branches and taught by
academic librarians.

- Public library staff handled the venues, promotion and booking.
- College librarians designed and taught the sessions, adapted from
    [[Embedding information literacy in first-year courses|embedded first-year teaching]].
- Attendees got a temporary reference pass to the college library for the summer.

## What makes a partnership work

- **A shared audience you can both name.** "Adults returning to study" works; "the community"
    does not.
- **A named lead on each side,** with the time written into their job description rather than
    goodwill on top of it.
- **A short written agreement after the pilot, not before.** Ours is two pages: aims, who does
    what, data protection, and how either side can step back.
    We wrote it after the first term, once we knew what we were actually doing.
- **Shared measures.** Agree in advance what you will count and who counts it.
- **Something for each side to take back.** The public library got teaching expertise and new
    visitors; the college got widening-participation contacts it could report.
    Both leads need a story their managers care about.

## What it took (staff, money, time)

About six hours a week of an academic librarian's time during each term, and three hours a week
from a public library development officer.
Direct costs were under £800 a year, mostly travel and refreshments, split evenly between the
two services.

## Other things partners have done together

- Shared training days: public library staff joined the college's copyright training, and
    academic staff came to readers' advisory workshops.
- Joint work with a local history society on a scanning day; see
    [[Community archiving projects]].
- Reciprocal reference access for independent researchers with no institutional affiliation.
- Refurbished laptops: the college's IT team now passes on up to 40 wiped and refreshed laptops
    a year for the public library loan scheme; see [[Device lending and digital inclusion]].

## Outcomes and evidence

Over two terms, 14 sessions reached 210 people.
Thirty-one attendees later enrolled at the college, though we cannot say how many would have
enrolled anyway.

## Pitfalls

- **Data protection.** You cannot simply pass sign-up lists between organisations.
    Agree who is responsible for the data for each activity before anyone books.
- **Staff turnover ends partnerships.** Write things down, and make sure each side knows a
    second contact.
- **Mismatched calendars.** Academic terms and public library programming seasons rarely line
    up; plan a year ahead.

## Who to contact

Our outreach librarian (c.dubois) for the college side, and the public library service
development lead (eddie.editor) for the public library side.
""",
            ),
        ],
    },
    {
        "title": "Reading for pleasure in schools",
        "tags": ["reading-for-pleasure", "literacy", "children"],
        "sectors": ["school"],
        "revisions": [
            (
                "priya.n",
                "First draft after our first year",
                """## The problem or context

In our secondary school, reading for pleasure fell sharply between Year 7 and Year 9.
In a survey of 620 students, 58% of Year 7s said they read for fun at least once a week,
compared with 23% of Year 9s.
Library visits followed the same curve.

## The practice

We treated reading for pleasure as a whole-school culture question rather than a library
programme, and built it around choice, time and talk.

- **Choice.** In reading time students choose what they read, including graphic novels,
    magazines, manga and audiobooks.
    No reading levels on spines.
- **Time.** Twenty minutes of tutor-time reading four days a week, protected in the timetable.
    Tutors read too, visibly, and not their marking.
- **Talk.** Every tutor group has a monthly book chat where students recommend anything they've
    enjoyed, in under a minute each.
- **Visibility.** "Currently reading" signs on classroom doors, and a student-run
    recommendations wall in the library.
- **Stock students asked for.** A third of the year's budget went on titles from student request
    slips, turned round in under three weeks.

## What it took (staff, money, time)

The library budget was £6,500 that year, and about £2,100 went on requested titles and replacing
worn-out copies of popular series.
Tutor time cost nothing new but needed the headteacher's backing, plus a 45-minute staff
training session on what good reading time looks like.
Expect a full term before the routines settle.

## Outcomes and evidence

After one year, the share of Year 9 students reading for fun weekly rose from 23% to 32%.
Library loans went up by 40%, with the biggest growth in Years 8 and 9.

Teachers reported calmer starts to the day, which did more to secure tutor time in the timetable
than the reading data did.

## Pitfalls

- Don't police the choice.
    A student rereading the same series for the fifth time is still reading.
- Tutor buy-in varies.
    Pair reluctant tutors with enthusiastic ones, and share what works in staff briefings.
- Watch for students without a book.
    Keep a box of short, quick reads in every tutor room.

## Who to contact

Our school librarian and reading-for-pleasure champion (priya.n).
""",
            ),
            (
                "fiona.mcrae",
                "Added a note on training tutors to recommend books",
                """## The problem or context

In our secondary school, reading for pleasure fell sharply between Year 7 and Year 9.
In a survey of 620 students, 58% of Year 7s said they read for fun at least once a week,
compared with 23% of Year 9s.
Library visits followed the same curve.

## The practice

We treated reading for pleasure as a whole-school culture question rather than a library
programme, and built it around choice, time and talk.

- **Choice.** In reading time students choose what they read, including graphic novels,
    magazines, manga and audiobooks.
    No reading levels on spines.
- **Time.** Twenty minutes of tutor-time reading four days a week, protected in the timetable.
    Tutors read too, visibly, and not their marking.
- **Talk.** Every tutor group has a monthly book chat where students recommend anything they've
    enjoyed, in under a minute each.
- **Visibility.** "Currently reading" signs on classroom doors, and a student-run
    recommendations wall in the library.
- **Stock students asked for.** A third of the year's budget went on titles from student request
    slips, turned round in under three weeks.

Recommending quickly and well is a skill, and tutors can learn it too.
We adapted the public library training described in [[Readers' advisory conversations]] into a
30-minute slot at a staff meeting, and gave every tutor the prompt card.

## What it took (staff, money, time)

The library budget was £6,500 that year, and about £2,100 went on requested titles and replacing
worn-out copies of popular series.
Tutor time cost nothing new but needed the headteacher's backing, plus a 45-minute staff
training session on what good reading time looks like.
Expect a full term before the routines settle.

## Outcomes and evidence

After one year, the share of Year 9 students reading for fun weekly rose from 23% to 32%.
Library loans went up by 40%, with the biggest growth in Years 8 and 9.

Teachers reported calmer starts to the day, which did more to secure tutor time in the timetable
than the reading data did.

## Pitfalls

- Don't police the choice.
    A student rereading the same series for the fifth time is still reading.
- Tutor buy-in varies.
    Pair reluctant tutors with enthusiastic ones, and share what works in staff briefings.
- Watch for students without a book.
    Keep a box of short, quick reads in every tutor room.

## Who to contact

Our school librarian and reading-for-pleasure champion (priya.n).
""",
            ),
            (
                "r.adeyemi",
                "Added a warning about mixing reading time with assessment",
                """## The problem or context

In our secondary school, reading for pleasure fell sharply between Year 7 and Year 9.
In a survey of 620 students, 58% of Year 7s said they read for fun at least once a week,
compared with 23% of Year 9s.
Library visits followed the same curve.

## The practice

We treated reading for pleasure as a whole-school culture question rather than a library
programme, and built it around choice, time and talk.

- **Choice.** In reading time students choose what they read, including graphic novels,
    magazines, manga and audiobooks.
    No reading levels on spines.
- **Time.** Twenty minutes of tutor-time reading four days a week, protected in the timetable.
    Tutors read too, visibly, and not their marking.
- **Talk.** Every tutor group has a monthly book chat where students recommend anything they've
    enjoyed, in under a minute each.
- **Visibility.** "Currently reading" signs on classroom doors, and a student-run
    recommendations wall in the library.
- **Stock students asked for.** A third of the year's budget went on titles from student request
    slips, turned round in under three weeks.

Recommending quickly and well is a skill, and tutors can learn it too.
We adapted the public library training described in [[Readers' advisory conversations]] into a
30-minute slot at a staff meeting, and gave every tutor the prompt card.

Keep reading for pleasure separate from assessment.
When reading time was briefly used for comprehension quizzes, participation dropped within a
fortnight.
Research and project reading belongs in lessons; see
[[Inquiry-based learning with the school library]].

## What it took (staff, money, time)

The library budget was £6,500 that year, and about £2,100 went on requested titles and replacing
worn-out copies of popular series.
Tutor time cost nothing new but needed the headteacher's backing, plus a 45-minute staff
training session on what good reading time looks like.
Expect a full term before the routines settle.

## Outcomes and evidence

After one year, the share of Year 9 students reading for fun weekly rose from 23% to 32%.
Library loans went up by 40%, with the biggest growth in Years 8 and 9.

Teachers reported calmer starts to the day, which did more to secure tutor time in the timetable
than the reading data did.

## Pitfalls

- Don't police the choice.
    A student rereading the same series for the fifth time is still reading.
- Tutor buy-in varies.
    Pair reluctant tutors with enthusiastic ones, and share what works in staff briefings.
- Watch for students without a book.
    Keep a box of short, quick reads in every tutor room.

## Who to contact

Our school librarian and reading-for-pleasure champion (priya.n).
""",
            ),
            (
                "priya.n",
                "Updated outcomes with two-year figures",
                """## The problem or context

In our secondary school, reading for pleasure fell sharply between Year 7 and Year 9.
In a survey of 620 students, 58% of Year 7s said they read for fun at least once a week,
compared with 23% of Year 9s.
Library visits followed the same curve.

## The practice

We treated reading for pleasure as a whole-school culture question rather than a library
programme, and built it around choice, time and talk.

- **Choice.** In reading time students choose what they read, including graphic novels,
    magazines, manga and audiobooks.
    No reading levels on spines.
- **Time.** Twenty minutes of tutor-time reading four days a week, protected in the timetable.
    Tutors read too, visibly, and not their marking.
- **Talk.** Every tutor group has a monthly book chat where students recommend anything they've
    enjoyed, in under a minute each.
- **Visibility.** "Currently reading" signs on classroom doors, and a student-run
    recommendations wall in the library.
- **Stock students asked for.** A third of the year's budget went on titles from student request
    slips, turned round in under three weeks.

Recommending quickly and well is a skill, and tutors can learn it too.
We adapted the public library training described in [[Readers' advisory conversations]] into a
30-minute slot at a staff meeting, and gave every tutor the prompt card.

Keep reading for pleasure separate from assessment.
When reading time was briefly used for comprehension quizzes, participation dropped within a
fortnight.
Research and project reading belongs in lessons; see
[[Inquiry-based learning with the school library]].

## What it took (staff, money, time)

The library budget was £6,500 that year, and about £2,100 went on requested titles and replacing
worn-out copies of popular series.
Tutor time cost nothing new but needed the headteacher's backing, plus a 45-minute staff
training session on what good reading time looks like.
Expect a full term before the routines settle.

## Outcomes and evidence

After two years, the share of Year 9 students reading for fun weekly had risen from 23% to 41%.
Library loans went up by 65%, with the biggest growth in Years 8 and 9.

Teachers reported calmer starts to the day, which did more to secure tutor time in the timetable
than the reading data did.

## Pitfalls

- Don't police the choice.
    A student rereading the same series for the fifth time is still reading.
- Tutor buy-in varies.
    Pair reluctant tutors with enthusiastic ones, and share what works in staff briefings.
- Watch for students without a book.
    Keep a box of short, quick reads in every tutor room.

## Who to contact

Our school librarian and reading-for-pleasure champion (priya.n).
""",
            ),
        ],
    },
    {
        "title": "Device lending and digital inclusion",
        "tags": ["digital-inclusion", "device-lending", "technology"],
        "sectors": ["public"],
        "revisions": [
            (
                "ben.walsh",
                "First draft from the pilot",
                """## The problem or context

About one in eight of our regular public computer users told us they had no device at home other
than a phone, and no data plan that could cope with a video call or a long online form.
Public computers help, but a two-hour session at a branch is no use for a job application with
an evening deadline or a week-long online course.

## The practice

We lend laptops, tablets and mobile Wi-Fi hotspots for up to four weeks from six branches, free
of charge, to any member over 16.
Every loan comes with an offer of one-to-one help.

- **Catalogue devices like books.** Each device has its own item record and barcode, a loan
    period and a reservation queue.
    Staff already know how to issue and return, so training was short.
- **Bundle, don't itemise.** Laptop, charger and a printed quick-start card go in one padded
    case with a single barcode.
    Separate barcodes for chargers doubled our losses in the first month.
- **Wipe on every return.** Devices are reset to a standard set-up before they go out again.
- **Pair the loan with help.** Borrowers can book a 30-minute digital help session when they
    collect the device.
    About a third do.
- **Keep the agreement short.** One page in plain language, signed at the first loan.
    We do not charge for damage, and we do not block accounts for returns less than a week late.

## What it took (staff, money, time)

Our first 60 devices (35 laptops, 15 tablets and 10 hotspots) cost about £17,000, funded by a
council digital inclusion grant.
Hotspot data is the main running cost, at about £2,400 a year.
Staff training was a one-hour session per branch, and resets and device management take roughly
four staff hours a week across the service.

## Outcomes and evidence

In the first six months, devices went out 380 times.
Borrowers most often used them for job applications, benefits forms and online courses.

## Pitfalls

- **Data contracts.** Negotiate a public sector rate for hotspots, and check what happens when
    the data runs out in the middle of a loan.
- **Accessibility.** Keep at least two laptops with a large-print keyboard and screen reader
    already set up.
- **Lending without help.** A device without skills support often comes back unused.

## Who to contact

Our digital inclusion lead (ben.walsh) can share the loan agreement and the quick-start cards.
""",
            ),
            (
                "agnes.admin",
                "Added a section on resetting devices between loans",
                """## The problem or context

About one in eight of our regular public computer users told us they had no device at home other
than a phone, and no data plan that could cope with a video call or a long online form.
Public computers help, but a two-hour session at a branch is no use for a job application with
an evening deadline or a week-long online course.

## The practice

We lend laptops, tablets and mobile Wi-Fi hotspots for up to four weeks from six branches, free
of charge, to any member over 16.
Every loan comes with an offer of one-to-one help.

- **Catalogue devices like books.** Each device has its own item record and barcode, a loan
    period and a reservation queue.
    Staff already know how to issue and return, so training was short.
- **Bundle, don't itemise.** Laptop, charger and a printed quick-start card go in one padded
    case with a single barcode.
    Separate barcodes for chargers doubled our losses in the first month.
- **Wipe on every return.** Devices are reset to a standard set-up before they go out again.
- **Pair the loan with help.** Borrowers can book a 30-minute digital help session when they
    collect the device.
    About a third do.
- **Keep the agreement short.** One page in plain language, signed at the first loan.
    We do not charge for damage, and we do not block accounts for returns less than a week late.

### Resetting devices between loans

Tablets are managed with the vendor's free device management console, and laptops are restored
from a standard image.
The rule is simple: nothing from one borrower ever reaches the next.
A returned device goes into a "to wipe" crate, and the reset is logged before the device can be
issued again.
Never wipe at the desk while the next borrower is waiting; it takes twenty minutes and invites
shortcuts.

## What it took (staff, money, time)

Our first 60 devices (35 laptops, 15 tablets and 10 hotspots) cost about £17,000, funded by a
council digital inclusion grant.
Hotspot data is the main running cost, at about £2,400 a year.
Staff training was a one-hour session per branch, and resets and device management take roughly
four staff hours a week across the service.

## Outcomes and evidence

In the first six months, devices went out 380 times.
Borrowers most often used them for job applications, benefits forms and online courses.

## Pitfalls

- **Data contracts.** Negotiate a public sector rate for hotspots, and check what happens when
    the data runs out in the middle of a loan.
- **Accessibility.** Keep at least two laptops with a large-print keyboard and screen reader
    already set up.
- **Lending without help.** A device without skills support often comes back unused.

## Who to contact

Our digital inclusion lead (ben.walsh) can share the loan agreement and the quick-start cards.
""",
            ),
            (
                "maria.lopez",
                "Added a note on lending maker kit",
                """## The problem or context

About one in eight of our regular public computer users told us they had no device at home other
than a phone, and no data plan that could cope with a video call or a long online form.
Public computers help, but a two-hour session at a branch is no use for a job application with
an evening deadline or a week-long online course.

## The practice

We lend laptops, tablets and mobile Wi-Fi hotspots for up to four weeks from six branches, free
of charge, to any member over 16.
Every loan comes with an offer of one-to-one help.

- **Catalogue devices like books.** Each device has its own item record and barcode, a loan
    period and a reservation queue.
    Staff already know how to issue and return, so training was short.
- **Bundle, don't itemise.** Laptop, charger and a printed quick-start card go in one padded
    case with a single barcode.
    Separate barcodes for chargers doubled our losses in the first month.
- **Wipe on every return.** Devices are reset to a standard set-up before they go out again.
- **Pair the loan with help.** Borrowers can book a 30-minute digital help session when they
    collect the device.
    About a third do.
- **Keep the agreement short.** One page in plain language, signed at the first loan.
    We do not charge for damage, and we do not block accounts for returns less than a week late.

### Resetting devices between loans

Tablets are managed with the vendor's free device management console, and laptops are restored
from a standard image.
The rule is simple: nothing from one borrower ever reaches the next.
A returned device goes into a "to wipe" crate, and the reset is logged before the device can be
issued again.
Never wipe at the desk while the next borrower is waiting; it takes twenty minutes and invites
shortcuts.

The same approach works for maker kit: our makerspace lends microcontroller kits and a badge
maker in the same way (see [[Starting a library makerspace]]).

## What it took (staff, money, time)

Our first 60 devices (35 laptops, 15 tablets and 10 hotspots) cost about £17,000, funded by a
council digital inclusion grant.
Hotspot data is the main running cost, at about £2,400 a year.
Staff training was a one-hour session per branch, and resets and device management take roughly
four staff hours a week across the service.

## Outcomes and evidence

In the first six months, devices went out 380 times.
Borrowers most often used them for job applications, benefits forms and online courses.

## Pitfalls

- **Data contracts.** Negotiate a public sector rate for hotspots, and check what happens when
    the data runs out in the middle of a loan.
- **Accessibility.** Keep at least two laptops with a large-print keyboard and screen reader
    already set up.
- **Lending without help.** A device without skills support often comes back unused.

## Who to contact

Our digital inclusion lead (ben.walsh) can share the loan agreement and the quick-start cards.
""",
            ),
            (
                "ben.walsh",
                "Added the overdue tracking formula, laptop donations and 18-month figures",
                """## The problem or context

About one in eight of our regular public computer users told us they had no device at home other
than a phone, and no data plan that could cope with a video call or a long online form.
Public computers help, but a two-hour session at a branch is no use for a job application with
an evening deadline or a week-long online course.

## The practice

We lend laptops, tablets and mobile Wi-Fi hotspots for up to four weeks from six branches, free
of charge, to any member over 16.
Every loan comes with an offer of one-to-one help.

- **Catalogue devices like books.** Each device has its own item record and barcode, a loan
    period and a reservation queue.
    Staff already know how to issue and return, so training was short.
- **Bundle, don't itemise.** Laptop, charger and a printed quick-start card go in one padded
    case with a single barcode.
    Separate barcodes for chargers doubled our losses in the first month.
- **Wipe on every return.** Devices are reset to a standard set-up before they go out again.
- **Pair the loan with help.** Borrowers can book a 30-minute digital help session when they
    collect the device.
    About a third do.
- **Keep the agreement short.** One page in plain language, signed at the first loan.
    We do not charge for damage, and we do not block accounts for returns less than a week late.

### Resetting devices between loans

Tablets are managed with the vendor's free device management console, and laptops are restored
from a standard image.
The rule is simple: nothing from one borrower ever reaches the next.
A returned device goes into a "to wipe" crate, and the reset is logged before the device can be
issued again.
Never wipe at the desk while the next borrower is waiting; it takes twenty minutes and invites
shortcuts.

### Tracking devices that are due back

Hotspot data and overdue devices are tracked in a shared spreadsheet, one row per device, with
this formula in the status column:

```
=IF(D2="", "On shelf", IF(TODAY()>E2+7, "Chase", IF(TODAY()>E2, "Overdue", "On loan")))
```

Column D holds the borrower's card number and column E the due date.
Staff at each branch filter on "Chase" every Monday and phone those borrowers; a friendly call
brings back most devices within days.

The same approach works for maker kit: our makerspace lends microcontroller kits and a badge
maker in the same way (see [[Starting a library makerspace]]).

## What it took (staff, money, time)

Our first 60 devices (35 laptops, 15 tablets and 10 hotspots) cost about £17,000, funded by a
council digital inclusion grant.
Hotspot data is the main running cost, at about £2,400 a year.
Staff training was a one-hour session per branch, and resets and device management take roughly
four staff hours a week across the service.

Since the second year, a local college has refreshed and donated up to 40 laptops a year, which
covers our replacements; see
[[Cross-sector partnerships between public and academic libraries]].

## Outcomes and evidence

In the first 18 months, devices went out 1,140 times to 610 different borrowers.
Loss and damage were lower than we feared: three devices never came back and five were damaged,
all replaced from a small contingency line.
In a follow-up survey, borrowers most often used the devices for job applications, benefits
forms and online courses.

## Pitfalls

- **Data contracts.** Negotiate a public sector rate for hotspots, and check what happens when
    the data runs out in the middle of a loan.
- **Accessibility.** Keep at least two laptops with a large-print keyboard and screen reader
    already set up.
- **Lending without help.** A device without skills support often comes back unused.

## Who to contact

Our digital inclusion lead (ben.walsh) can share the loan agreement and the quick-start cards.
""",
            ),
        ],
    },
    {
        "title": "Evidence summaries and search support in a medical library",
        "tags": ["evidence-based-practice", "literature-searching", "health"],
        "sectors": ["special"],
        "revisions": [
            (
                "j.osei",
                "First draft of our two-tier service",
                """## The problem or context

Researchers at our institute and clinicians at the partner hospital ask the library for evidence
when they write guidelines, plan a service change or start a review.
They rarely have time to read thirty papers.
Our old service produced long bibliographies that often arrived after the decision had already
been made.

## The practice

We now offer two tiers of service and agree which one at the start of every request.

| Service | Turnaround | What the requester gets |
|---|---|---|
| Evidence summary | 5 working days | Two pages on the best evidence, plus the search |
| Systematic search support | 4 to 8 weeks | Re-runnable searches of several databases[^1] |

**The reference interview is the most important step.** A short structured form and a 15-minute
call turn the question into PICO terms (population, intervention, comparison, outcome), and
settle the deadline and the decision the evidence will feed into.

**Searches are written to be re-run.** Every strategy is saved and shared with the requester.
A simplified example from a summary on preventing falls in older people:

```text
1  exp Accidental Falls/
2  (fall or falls or falling).ti,ab.
3  1 or 2
4  exp Aged/ or (older adult* or elderly).ti,ab.
5  (exercise* or balance training or strength training).ti,ab.
6  3 and 4 and 5
7  limit 6 to (english language and yr="2015-Current")
```

**Summaries follow a fixed structure:** the question, the bottom line in three sentences, the
key evidence with a note on its quality, the gaps, and the full search.
A second librarian checks every summary before it goes out.

## What it took (staff, money, time)

Three librarians (2.4 FTE) handle about 240 requests a year, of which roughly 190 are evidence
summaries.
A summary takes 6 to 10 hours of librarian time; systematic search support can take 40 hours or
more.
Database subscriptions are shared regionally, so the direct cost of the service is staff time.

## Outcomes and evidence

In our annual survey, 82% of requesters said a summary had informed a decision, most often a
guideline update or a change to a care pathway.
We also keep an impact log: two months after each summary we ask one question, "What did you do
with it?"[^2]

## Pitfalls

- **Agree what you will not do.** We search and summarise; we do not make clinical
    recommendations.
- **Scope creep in systematic reviews.** Put the protocol and the librarian's role in writing.
- **Record time per request from day one.** It is the only way to make the case for staff.

## Who to contact

Our clinical librarian (j.osei) can share the request form and the summary template.

[^1]: A diagram showing how many records were found, screened, excluded and included, following
    the PRISMA reporting guideline for systematic reviews.
[^2]: The impact log is a shared spreadsheet with one row per request.
    About 45% of requesters reply, which is enough to show patterns.
""",
            ),
            (
                "tom.chen",
                "Added teaching for requesters who search themselves",
                """## The problem or context

Researchers at our institute and clinicians at the partner hospital ask the library for evidence
when they write guidelines, plan a service change or start a review.
They rarely have time to read thirty papers.
Our old service produced long bibliographies that often arrived after the decision had already
been made.

## The practice

We now offer two tiers of service and agree which one at the start of every request.

| Service | Turnaround | What the requester gets |
|---|---|---|
| Evidence summary | 5 working days | Two pages on the best evidence, plus the search |
| Systematic search support | 4 to 8 weeks | Re-runnable searches of several databases[^1] |

**The reference interview is the most important step.** A short structured form and a 15-minute
call turn the question into PICO terms (population, intervention, comparison, outcome), and
settle the deadline and the decision the evidence will feed into.

**Searches are written to be re-run.** Every strategy is saved and shared with the requester.
A simplified example from a summary on preventing falls in older people:

```text
1  exp Accidental Falls/
2  (fall or falls or falling).ti,ab.
3  1 or 2
4  exp Aged/ or (older adult* or elderly).ti,ab.
5  (exercise* or balance training or strength training).ti,ab.
6  3 and 4 and 5
7  limit 6 to (english language and yr="2015-Current")
```

**Summaries follow a fixed structure:** the question, the bottom line in three sentences, the
key evidence with a note on its quality, the gaps, and the full search.
A second librarian checks every summary before it goes out.

**Teaching, when people want to search for themselves.** Requesters who would rather do it
themselves get a one-hour session on building a strategy around their own question.
The principle is the same as in [[Embedding information literacy in first-year courses]]: teach
at the point of need, with the learner's real problem.

## What it took (staff, money, time)

Three librarians (2.4 FTE) handle about 240 requests a year, of which roughly 190 are evidence
summaries.
A summary takes 6 to 10 hours of librarian time; systematic search support can take 40 hours or
more.
Database subscriptions are shared regionally, so the direct cost of the service is staff time.

## Outcomes and evidence

In our annual survey, 82% of requesters said a summary had informed a decision, most often a
guideline update or a change to a care pathway.
We also keep an impact log: two months after each summary we ask one question, "What did you do
with it?"[^2]

## Pitfalls

- **Agree what you will not do.** We search and summarise; we do not make clinical
    recommendations.
- **Scope creep in systematic reviews.** Put the protocol and the librarian's role in writing.
- **Record time per request from day one.** It is the only way to make the case for staff.

## Who to contact

Our clinical librarian (j.osei) can share the request form and the summary template.

[^1]: A diagram showing how many records were found, screened, excluded and included, following
    the PRISMA reporting guideline for systematic reviews.
[^2]: The impact log is a shared spreadsheet with one row per request.
    About 45% of requesters reply, which is enough to show patterns.
""",
            ),
            (
                "sam.k",
                "Added advice on keeping search records",
                """## The problem or context

Researchers at our institute and clinicians at the partner hospital ask the library for evidence
when they write guidelines, plan a service change or start a review.
They rarely have time to read thirty papers.
Our old service produced long bibliographies that often arrived after the decision had already
been made.

## The practice

We now offer two tiers of service and agree which one at the start of every request.

| Service | Turnaround | What the requester gets |
|---|---|---|
| Evidence summary | 5 working days | Two pages on the best evidence, plus the search |
| Systematic search support | 4 to 8 weeks | Re-runnable searches of several databases[^1] |

**The reference interview is the most important step.** A short structured form and a 15-minute
call turn the question into PICO terms (population, intervention, comparison, outcome), and
settle the deadline and the decision the evidence will feed into.

**Searches are written to be re-run.** Every strategy is saved and shared with the requester.
A simplified example from a summary on preventing falls in older people:

```text
1  exp Accidental Falls/
2  (fall or falls or falling).ti,ab.
3  1 or 2
4  exp Aged/ or (older adult* or elderly).ti,ab.
5  (exercise* or balance training or strength training).ti,ab.
6  3 and 4 and 5
7  limit 6 to (english language and yr="2015-Current")
```

**Summaries follow a fixed structure:** the question, the bottom line in three sentences, the
key evidence with a note on its quality, the gaps, and the full search.
A second librarian checks every summary before it goes out.

**Teaching, when people want to search for themselves.** Requesters who would rather do it
themselves get a one-hour session on building a strategy around their own question.
The principle is the same as in [[Embedding information literacy in first-year courses]]: teach
at the point of need, with the learner's real problem.

**Keeping search records.** Store each strategy with the date it was run, the databases and
their coverage dates, and the deduplicated results file, all named by request number.
When a team updates its review two years later, re-running the search is then a morning's work
rather than a fortnight's.
See [[Digital preservation for small institutions]] for keeping those files safe in the long
term.

## What it took (staff, money, time)

Three librarians (2.4 FTE) handle about 240 requests a year, of which roughly 190 are evidence
summaries.
A summary takes 6 to 10 hours of librarian time; systematic search support can take 40 hours or
more.
Database subscriptions are shared regionally, so the direct cost of the service is staff time.

## Outcomes and evidence

In our annual survey, 82% of requesters said a summary had informed a decision, most often a
guideline update or a change to a care pathway.
We also keep an impact log: two months after each summary we ask one question, "What did you do
with it?"[^2]

## Pitfalls

- **Agree what you will not do.** We search and summarise; we do not make clinical
    recommendations.
- **Scope creep in systematic reviews.** Put the protocol and the librarian's role in writing.
- **Record time per request from day one.** It is the only way to make the case for staff.

## Who to contact

Our clinical librarian (j.osei) can share the request form and the summary template.

[^1]: A diagram showing how many records were found, screened, excluded and included, following
    the PRISMA reporting guideline for systematic reviews.
[^2]: The impact log is a shared spreadsheet with one row per request.
    About 45% of requesters reply, which is enough to show patterns.
""",
            ),
            (
                "j.osei",
                "Updated this year's figures and clarified authorship on reviews",
                """## The problem or context

Researchers at our institute and clinicians at the partner hospital ask the library for evidence
when they write guidelines, plan a service change or start a review.
They rarely have time to read thirty papers.
Our old service produced long bibliographies that often arrived after the decision had already
been made.

## The practice

We now offer two tiers of service and agree which one at the start of every request.

| Service | Turnaround | What the requester gets |
|---|---|---|
| Evidence summary | 5 working days | Two pages on the best evidence, plus the search |
| Systematic search support | 4 to 8 weeks | Re-runnable searches of several databases[^1] |

**The reference interview is the most important step.** A short structured form and a 15-minute
call turn the question into PICO terms (population, intervention, comparison, outcome), and
settle the deadline and the decision the evidence will feed into.

**Searches are written to be re-run.** Every strategy is saved and shared with the requester.
A simplified example from a summary on preventing falls in older people:

```text
1  exp Accidental Falls/
2  (fall or falls or falling).ti,ab.
3  1 or 2
4  exp Aged/ or (older adult* or elderly).ti,ab.
5  (exercise* or balance training or strength training).ti,ab.
6  3 and 4 and 5
7  limit 6 to (english language and yr="2015-Current")
```

**Summaries follow a fixed structure:** the question, the bottom line in three sentences, the
key evidence with a note on its quality, the gaps, and the full search.
A second librarian checks every summary before it goes out.

**Teaching, when people want to search for themselves.** Requesters who would rather do it
themselves get a one-hour session on building a strategy around their own question.
The principle is the same as in [[Embedding information literacy in first-year courses]]: teach
at the point of need, with the learner's real problem.

**Keeping search records.** Store each strategy with the date it was run, the databases and
their coverage dates, and the deduplicated results file, all named by request number.
When a team updates its review two years later, re-running the search is then a morning's work
rather than a fortnight's.
See [[Digital preservation for small institutions]] for keeping those files safe in the long
term.

## What it took (staff, money, time)

Three librarians (2.4 FTE) handle about 260 requests a year, of which roughly 200 are evidence
summaries.
A summary takes 6 to 10 hours of librarian time; systematic search support can take 40 hours or
more.
Database subscriptions are shared regionally, so the direct cost of the service is staff time.

## Outcomes and evidence

In our annual survey, 82% of requesters said a summary had informed a decision, most often a
guideline update or a change to a care pathway.
We also keep an impact log: two months after each summary we ask one question, "What did you do
with it?"[^2]

## Pitfalls

- **Agree what you will not do.** We search and summarise; we do not make clinical
    recommendations.
- **Scope creep in systematic reviews.** Put the protocol and the librarian's role in writing,
    and agree at the start whether the librarian will be named as an author or acknowledged.
    Authorship should follow the journal's criteria, not goodwill.
- **Record time per request from day one.** It is the only way to make the case for staff.

## Who to contact

Our clinical librarian (j.osei) can share the request form and the summary template.

[^1]: A diagram showing how many records were found, screened, excluded and included, following
    the PRISMA reporting guideline for systematic reviews.
[^2]: The impact log is a shared spreadsheet with one row per request.
    About 45% of requesters reply, which is enough to show patterns.
""",
            ),
        ],
    },
    {
        "title": "Community archiving projects",
        "tags": ["community-archives", "local-history", "digitisation"],
        "sectors": ["special", "public", "other"],
        "revisions": [
            (
                "amira.h",
                "First draft based on our last seven projects",
                """## The problem or context

Much of a community's history never reaches a formal archive: club minute books, photographs in
family albums, flyers for events, the voices of people who have since died.
Community groups often want to collect and share this material themselves.
The role of a library or archive is to support them, not to take the collection away.

## The practice

Our digital collections team runs community archiving projects as partnerships with a community
group.
A typical project lasts 12 to 18 months and has four stages.

1. **Scope it with the group.** What do they want to collect, who is it for, and what happens to
    it when the project ends?
    Write the answers down in a one-page plan.
2. **Train volunteers.** Two half-day sessions: handling and scanning, then describing material
    and recording consent.
    Volunteers keep the scanner and laptop kit for the length of the project.
3. **Collect at events.** At scanning days in a library or community centre, people bring items
    to be scanned and take the originals home.
    A good scanning day captures 150 to 300 items.
4. **Describe, publish and preserve.** The group describes items in a shared spreadsheet using a
    simple template; we publish selected material online and keep the preservation copies.

### Consent and rights

Every item needs a signed form from the person who lent it, covering permission to digitise, to
publish online and how they want to be credited.
Photographs of living people and oral histories need extra care.[^1] Where nobody knows who took
a photograph, record what you know and the steps you took to find out; that record is what a
careful decision to publish rests on.

Ownership of the digital copies stays with the group, with a licence that lets us keep and share
them.
Groups are far more willing to take part when they do not feel their history is being taken
away.

## What it took (staff, money, time)

A project of this size typically costs £4,000 to £9,000: a scanning kit (about £1,200),
volunteer expenses, refreshments for scanning days, and roughly one day a week of a digital
archivist's time.
Most of our projects are funded by small heritage grants; see
[[Grant writing for small libraries]] for tips on applications.

## Outcomes and evidence

Over three years, seven projects have digitised about 6,800 items and recorded 45 oral
histories.
More than 120 volunteers have been trained, and two groups now run their own scanning days
without us.

## Who to contact

Our digital collections and community archiving lead (amira.h) can share the consent forms and
the description template.

[^1]: For oral histories we use a separate recording agreement, and interviewees can close parts
    of a recording for a period of years.
""",
            ),
            (
                "lena.b",
                "Added how we fill scanning days",
                """## The problem or context

Much of a community's history never reaches a formal archive: club minute books, photographs in
family albums, flyers for events, the voices of people who have since died.
Community groups often want to collect and share this material themselves.
The role of a library or archive is to support them, not to take the collection away.

## The practice

Our digital collections team runs community archiving projects as partnerships with a community
group.
A typical project lasts 12 to 18 months and has four stages.

1. **Scope it with the group.** What do they want to collect, who is it for, and what happens to
    it when the project ends?
    Write the answers down in a one-page plan.
2. **Train volunteers.** Two half-day sessions: handling and scanning, then describing material
    and recording consent.
    Volunteers keep the scanner and laptop kit for the length of the project.
3. **Collect at events.** At scanning days in a library or community centre, people bring items
    to be scanned and take the originals home.
    A good scanning day captures 150 to 300 items.
4. **Describe, publish and preserve.** The group describes items in a shared spreadsheet using a
    simple template; we publish selected material online and keep the preservation copies.

Scanning days fill through personal invitation, not posters.
We ask each volunteer to bring two people, and we go to existing gatherings such as lunch clubs
and faith groups rather than expecting people to come to us.
A short piece in the local paper the week before brought in the most new items.
More ideas are in [[Library marketing on a shoestring]].

### Consent and rights

Every item needs a signed form from the person who lent it, covering permission to digitise, to
publish online and how they want to be credited.
Photographs of living people and oral histories need extra care.[^1] Where nobody knows who took
a photograph, record what you know and the steps you took to find out; that record is what a
careful decision to publish rests on.

Ownership of the digital copies stays with the group, with a licence that lets us keep and share
them.
Groups are far more willing to take part when they do not feel their history is being taken
away.

## What it took (staff, money, time)

A project of this size typically costs £4,000 to £9,000: a scanning kit (about £1,200),
volunteer expenses, refreshments for scanning days, and roughly one day a week of a digital
archivist's time.
Most of our projects are funded by small heritage grants; see
[[Grant writing for small libraries]] for tips on applications.

## Outcomes and evidence

Over three years, seven projects have digitised about 6,800 items and recorded 45 oral
histories.
More than 120 volunteers have been trained, and two groups now run their own scanning days
without us.

## Who to contact

Our digital collections and community archiving lead (amira.h) can share the consent forms and
the description template.

[^1]: For oral histories we use a separate recording agreement, and interviewees can close parts
    of a recording for a period of years.
""",
            ),
            (
                "sam.k",
                "Added a note on preservation copies",
                """## The problem or context

Much of a community's history never reaches a formal archive: club minute books, photographs in
family albums, flyers for events, the voices of people who have since died.
Community groups often want to collect and share this material themselves.
The role of a library or archive is to support them, not to take the collection away.

## The practice

Our digital collections team runs community archiving projects as partnerships with a community
group.
A typical project lasts 12 to 18 months and has four stages.

1. **Scope it with the group.** What do they want to collect, who is it for, and what happens to
    it when the project ends?
    Write the answers down in a one-page plan.
2. **Train volunteers.** Two half-day sessions: handling and scanning, then describing material
    and recording consent.
    Volunteers keep the scanner and laptop kit for the length of the project.
3. **Collect at events.** At scanning days in a library or community centre, people bring items
    to be scanned and take the originals home.
    A good scanning day captures 150 to 300 items.
4. **Describe, publish and preserve.** The group describes items in a shared spreadsheet using a
    simple template; we publish selected material online and keep the preservation copies.

Scanning days fill through personal invitation, not posters.
We ask each volunteer to bring two people, and we go to existing gatherings such as lunch clubs
and faith groups rather than expecting people to come to us.
A short piece in the local paper the week before brought in the most new items.
More ideas are in [[Library marketing on a shoestring]].

### Consent and rights

Every item needs a signed form from the person who lent it, covering permission to digitise, to
publish online and how they want to be credited.
Photographs of living people and oral histories need extra care.[^1] Where nobody knows who took
a photograph, record what you know and the steps you took to find out; that record is what a
careful decision to publish rests on.

Ownership of the digital copies stays with the group, with a licence that lets us keep and share
them.
Groups are far more willing to take part when they do not feel their history is being taken
away.

Preservation copies are kept as uncompressed TIFF and WAV files, with checksums and three copies
in two places.[^2] The method is set out in [[Digital preservation for small institutions]].

## What it took (staff, money, time)

A project of this size typically costs £4,000 to £9,000: a scanning kit (about £1,200),
volunteer expenses, refreshments for scanning days, and roughly one day a week of a digital
archivist's time.
Most of our projects are funded by small heritage grants; see
[[Grant writing for small libraries]] for tips on applications.

## Outcomes and evidence

Over three years, seven projects have digitised about 6,800 items and recorded 45 oral
histories.
More than 120 volunteers have been trained, and two groups now run their own scanning days
without us.

## Who to contact

Our digital collections and community archiving lead (amira.h) can share the consent forms and
the description template.

[^1]: For oral histories we use a separate recording agreement, and interviewees can close parts
    of a recording for a period of years.
[^2]: The preservation copies are also why we insist on scanning photographs at 600 ppi, even
    when the online version will be much smaller.
""",
            ),
            (
                "c.dubois",
                "Added student placements with partner institutions",
                """## The problem or context

Much of a community's history never reaches a formal archive: club minute books, photographs in
family albums, flyers for events, the voices of people who have since died.
Community groups often want to collect and share this material themselves.
The role of a library or archive is to support them, not to take the collection away.

## The practice

Our digital collections team runs community archiving projects as partnerships with a community
group.
A typical project lasts 12 to 18 months and has four stages.

1. **Scope it with the group.** What do they want to collect, who is it for, and what happens to
    it when the project ends?
    Write the answers down in a one-page plan.
2. **Train volunteers.** Two half-day sessions: handling and scanning, then describing material
    and recording consent.
    Volunteers keep the scanner and laptop kit for the length of the project.
3. **Collect at events.** At scanning days in a library or community centre, people bring items
    to be scanned and take the originals home.
    A good scanning day captures 150 to 300 items.
4. **Describe, publish and preserve.** The group describes items in a shared spreadsheet using a
    simple template; we publish selected material online and keep the preservation copies.

Scanning days fill through personal invitation, not posters.
We ask each volunteer to bring two people, and we go to existing gatherings such as lunch clubs
and faith groups rather than expecting people to come to us.
A short piece in the local paper the week before brought in the most new items.
More ideas are in [[Library marketing on a shoestring]].

### Consent and rights

Every item needs a signed form from the person who lent it, covering permission to digitise, to
publish online and how they want to be credited.
Photographs of living people and oral histories need extra care.[^1] Where nobody knows who took
a photograph, record what you know and the steps you took to find out; that record is what a
careful decision to publish rests on.

Ownership of the digital copies stays with the group, with a licence that lets us keep and share
them.
Groups are far more willing to take part when they do not feel their history is being taken
away.

Preservation copies are kept as uncompressed TIFF and WAV files, with checksums and three copies
in two places.[^2] The method is set out in [[Digital preservation for small institutions]].

University and college partners can help too.
History students on placement describe material and record oral histories, which gives them
assessed work experience and gives the group extra hands.
Agree supervision and consent arrangements before the placement starts; see
[[Cross-sector partnerships between public and academic libraries]].

## What it took (staff, money, time)

A project of this size typically costs £4,000 to £9,000: a scanning kit (about £1,200),
volunteer expenses, refreshments for scanning days, and roughly one day a week of a digital
archivist's time.
Most of our projects are funded by small heritage grants; see
[[Grant writing for small libraries]] for tips on applications.

## Outcomes and evidence

Over three years, seven projects have digitised about 6,800 items and recorded 45 oral
histories.
More than 120 volunteers have been trained, and two groups now run their own scanning days
without us.

## Who to contact

Our digital collections and community archiving lead (amira.h) can share the consent forms and
the description template.

[^1]: For oral histories we use a separate recording agreement, and interviewees can close parts
    of a recording for a period of years.
[^2]: The preservation copies are also why we insist on scanning photographs at 600 ppi, even
    when the online version will be much smaller.
""",
            ),
        ],
    },
    {
        "title": "Current awareness services in a law library",
        "tags": ["current-awareness", "legal-information", "alerts"],
        "sectors": ["special"],
        "revisions": [
            (
                "h.tanaka",
                "First draft of our curated bulletins",
                """## The problem or context

Our members, mostly solicitors in small and medium-sized practices, need to know quickly about
new legislation, significant judgments and regulatory changes in their areas of practice.
They are also overwhelmed by email.
Before we changed the service, members who signed up for alerts in a practice area received up
to 40 automated items a day, and most went unread: fewer than 10% were ever opened.

## The practice

We replaced unfiltered alerts with a curated weekly bulletin for each practice area, plus a
same-day flash alert for a small number of genuinely urgent developments.

- **Agree the scope with each area.** A 30-minute meeting with two or three members who practise
    in the area, to list topics, client sectors and what counts as urgent.
- **Monitor widely, send little.** Staff watch official publications, court lists, regulators
    and commercial services, and typically choose 8 to 15 items a week.
- **Add a line of context.** Every item gets one sentence on why it matters to that practice
    area.
    This is what members value, and what automated alerts cannot do.
- **Keep flash alerts rare.** We send about two a month per practice area.
    Send more and people stop opening them.

### What we monitor

| Source | Checked | Used for |
|---|---|---|
| Legislation and statutory instruments | Daily | Bulletin; flash if in force within 30 days |
| Court judgments | Daily | Bulletin; flash for appellate decisions in scope |
| Regulator announcements and consultations | Daily | Bulletin, with response deadlines |
| Commercial legal news services | Twice a week | Bulletin |
| Professional body updates | Weekly | Monthly round-up |

## What it took (staff, money, time)

The service is run by two information officers for about 15 hours a week between them, with one
librarian who edits the bulletins.
Moving from automated alerts to curation took about three months, most of it spent agreeing
scope for nine practice areas.

## Outcomes and evidence

Open rates for the weekly bulletins are around 60%, and over 80% for flash alerts.
Enquiries that begin "I saw in the bulletin..." rose steadily, which we count as the best sign
the service is read.
Several members now forward bulletin items to their own clients.
""",
            ),
            (
                "agnes.admin",
                "Added a paragraph on feed reader tools",
                """## The problem or context

Our members, mostly solicitors in small and medium-sized practices, need to know quickly about
new legislation, significant judgments and regulatory changes in their areas of practice.
They are also overwhelmed by email.
Before we changed the service, members who signed up for alerts in a practice area received up
to 40 automated items a day, and most went unread: fewer than 10% were ever opened.

## The practice

We replaced unfiltered alerts with a curated weekly bulletin for each practice area, plus a
same-day flash alert for a small number of genuinely urgent developments.

- **Agree the scope with each area.** A 30-minute meeting with two or three members who practise
    in the area, to list topics, client sectors and what counts as urgent.
- **Monitor widely, send little.** Staff watch official publications, court lists, regulators
    and commercial services, and typically choose 8 to 15 items a week.
- **Add a line of context.** Every item gets one sentence on why it matters to that practice
    area.
    This is what members value, and what automated alerts cannot do.
- **Keep flash alerts rare.** We send about two a month per practice area.
    Send more and people stop opening them.

### What we monitor

| Source | Checked | Used for |
|---|---|---|
| Legislation and statutory instruments | Daily | Bulletin; flash if in force within 30 days |
| Court judgments | Daily | Bulletin; flash for appellate decisions in scope |
| Regulator announcements and consultations | Daily | Bulletin, with response deadlines |
| Commercial legal news services | Twice a week | Bulletin |
| Professional body updates | Weekly | Monthly round-up |

All feeds and saved searches are collected in a single feed reader, so nothing is checked twice.
Staff tag items as they read them and build each bulletin from the week's tags, which cuts
drafting time to under an hour per practice area.
Keep a list of every source and who monitors it, so the service survives holidays.

## What it took (staff, money, time)

The service is run by two information officers for about 15 hours a week between them, with one
librarian who edits the bulletins.
Moving from automated alerts to curation took about three months, most of it spent agreeing
scope for nine practice areas.

## Outcomes and evidence

Open rates for the weekly bulletins are around 60%, and over 80% for flash alerts.
Enquiries that begin "I saw in the bulletin..." rose steadily, which we count as the best sign
the service is read.
Several members now forward bulletin items to their own clients.
""",
            ),
            (
                "j.osei",
                "Added a comparison with clinical current awareness",
                """## The problem or context

Our members, mostly solicitors in small and medium-sized practices, need to know quickly about
new legislation, significant judgments and regulatory changes in their areas of practice.
They are also overwhelmed by email.
Before we changed the service, members who signed up for alerts in a practice area received up
to 40 automated items a day, and most went unread: fewer than 10% were ever opened.

## The practice

We replaced unfiltered alerts with a curated weekly bulletin for each practice area, plus a
same-day flash alert for a small number of genuinely urgent developments.

- **Agree the scope with each area.** A 30-minute meeting with two or three members who practise
    in the area, to list topics, client sectors and what counts as urgent.
- **Monitor widely, send little.** Staff watch official publications, court lists, regulators
    and commercial services, and typically choose 8 to 15 items a week.
- **Add a line of context.** Every item gets one sentence on why it matters to that practice
    area.
    This is what members value, and what automated alerts cannot do.
- **Keep flash alerts rare.** We send about two a month per practice area.
    Send more and people stop opening them.

### What we monitor

| Source | Checked | Used for |
|---|---|---|
| Legislation and statutory instruments | Daily | Bulletin; flash if in force within 30 days |
| Court judgments | Daily | Bulletin; flash for appellate decisions in scope |
| Regulator announcements and consultations | Daily | Bulletin, with response deadlines |
| Commercial legal news services | Twice a week | Bulletin |
| Professional body updates | Weekly | Monthly round-up |

All feeds and saved searches are collected in a single feed reader, so nothing is checked twice.
Staff tag items as they read them and build each bulletin from the week's tags, which cuts
drafting time to under an hour per practice area.
Keep a list of every source and who monitors it, so the service survives holidays.

Clinical libraries run very similar bulletins for new guidance and research, and the lessons
carry across: fewer items, a line of context, and a named person readers can reply to.
Compare the approach in [[Evidence summaries and search support in a medical library]].

## What it took (staff, money, time)

The service is run by two information officers for about 15 hours a week between them, with one
librarian who edits the bulletins.
Moving from automated alerts to curation took about three months, most of it spent agreeing
scope for nine practice areas.

## Outcomes and evidence

Open rates for the weekly bulletins are around 60%, and over 80% for flash alerts.
Enquiries that begin "I saw in the bulletin..." rose steadily, which we count as the best sign
the service is read.
Several members now forward bulletin items to their own clients.
""",
            ),
            (
                "h.tanaka",
                "Added pitfalls and contacts",
                """## The problem or context

Our members, mostly solicitors in small and medium-sized practices, need to know quickly about
new legislation, significant judgments and regulatory changes in their areas of practice.
They are also overwhelmed by email.
Before we changed the service, members who signed up for alerts in a practice area received up
to 40 automated items a day, and most went unread: fewer than 10% were ever opened.

## The practice

We replaced unfiltered alerts with a curated weekly bulletin for each practice area, plus a
same-day flash alert for a small number of genuinely urgent developments.

- **Agree the scope with each area.** A 30-minute meeting with two or three members who practise
    in the area, to list topics, client sectors and what counts as urgent.
- **Monitor widely, send little.** Staff watch official publications, court lists, regulators
    and commercial services, and typically choose 8 to 15 items a week.
- **Add a line of context.** Every item gets one sentence on why it matters to that practice
    area.
    This is what members value, and what automated alerts cannot do.
- **Keep flash alerts rare.** We send about two a month per practice area.
    Send more and people stop opening them.

### What we monitor

| Source | Checked | Used for |
|---|---|---|
| Legislation and statutory instruments | Daily | Bulletin; flash if in force within 30 days |
| Court judgments | Daily | Bulletin; flash for appellate decisions in scope |
| Regulator announcements and consultations | Daily | Bulletin, with response deadlines |
| Commercial legal news services | Twice a week | Bulletin |
| Professional body updates | Weekly | Monthly round-up |

All feeds and saved searches are collected in a single feed reader, so nothing is checked twice.
Staff tag items as they read them and build each bulletin from the week's tags, which cuts
drafting time to under an hour per practice area.
Keep a list of every source and who monitors it, so the service survives holidays.

Clinical libraries run very similar bulletins for new guidance and research, and the lessons
carry across: fewer items, a line of context, and a named person readers can reply to.
Compare the approach in [[Evidence summaries and search support in a medical library]].

## What it took (staff, money, time)

The service is run by two information officers for about 15 hours a week between them, with one
librarian who edits the bulletins.
Moving from automated alerts to curation took about three months, most of it spent agreeing
scope for nine practice areas.

## Outcomes and evidence

Open rates for the weekly bulletins are around 60%, and over 80% for flash alerts.
Enquiries that begin "I saw in the bulletin..." rose steadily, which we count as the best sign
the service is read.
Several members now forward bulletin items to their own clients.

## Pitfalls

- **Licences.** Check whether content from commercial services may be quoted or forwarded.
    Summarise in your own words and link instead.
- **Mission creep.** Don't let the bulletin turn into a newsletter; events and library news
    belong elsewhere.
- **Stale scope.** Review each practice area's scope every year, because practice changes faster
    than alert settings do.

## Who to contact

Our legal information and current awareness lead (h.tanaka) can share the scoping checklist and
a sample bulletin.
""",
            ),
        ],
    },
    {
        "title": "Running book groups across branches",
        "tags": ["book-groups", "readers-advisory", "adult-services"],
        "sectors": ["public"],
        "revisions": [
            (
                "fiona.mcrae",
                "First draft on our book group network",
                """## The problem or context

Our service had nine book groups across twelve branches, each run differently: some by staff,
some by volunteers, some barely meeting.
Two branches had waiting lists while others had three members.
Staff spent a lot of time ordering sets of books one group at a time.

## The practice

We brought all the groups into one network with a shared calendar, shared book sets and a common
way of running meetings, while letting each group keep its own character.

- **One coordinator, many hosts.** A single coordinator (0.2 FTE) looks after the network; each
    group has a host, staff or volunteer, who runs the meetings.
- **Shared sets on a rota.** We hold 40 sets of 12 copies.
    Sets move between branches on the normal transport van, on a six-week rota.
- **A simple meeting format.** Welcome, a round of one-word reactions, open discussion with
    three prepared questions, then choosing the next book.
    Hosts get a one-page guide.
- **Groups choose from a menu.** Each quarter, groups pick from a list of available sets, so
    choice is real but ordering stays manageable.

## What it took (staff, money, time)

Building up the sets cost about £3,200 over two years from the stock budget, at around £6 to £8
a copy.
Host training is a two-hour session twice a year.
The coordinator's time is the main ongoing cost.

## Outcomes and evidence

Groups grew from nine to fourteen in two years, with 160 regular members.
No group now has a waiting list longer than a month, because new members can be pointed to a
nearby group with space.

## Who to contact

Our readers' advisory and book groups lead (fiona.mcrae) can share the host guide and the set
list.
""",
            ),
            (
                "lena.b",
                "Restructured and added online groups, accessible formats and recruitment",
                """## The problem or context

Our service had nine book groups across twelve branches, each run differently: some by staff,
some by volunteers, some barely meeting.
Two branches had waiting lists while others had three members.
Staff spent a lot of time ordering sets of books one group at a time.

We also knew who was missing.
Almost every member was retired and able to get to a branch on a weekday afternoon, while people
who worked, cared for someone or could not leave home had no way in.

## The practice

We brought all the groups into one network with a shared calendar, shared book sets and a common
way of running meetings, while letting each group keep its own character.

- **One coordinator, many hosts.** A single coordinator (0.2 FTE) looks after the network; each
    group has a host, staff or volunteer, who runs the meetings.
- **Shared sets on a rota.** We hold 40 sets of 12 copies.
    Sets move between branches on the normal transport van, on a six-week rota.
- **A simple meeting format.** Welcome, a round of one-word reactions, open discussion with
    three prepared questions, then choosing the next book.
    Hosts get a one-page guide.
- **Groups choose from a menu.** Each quarter, groups pick from a list of available sets, so
    choice is real but ordering stays manageable.

## Reaching people who can't get to a branch

Two groups now meet online: one in the daytime for people with caring responsibilities, and one
in the evening for people who work.
A hybrid group meets in the central library with a laptop and a conference speaker, so
housebound members can join by phone, and the home library service delivers their copies.

Every set now has at least one large-print copy, and an audiobook licence where one exists.
Ask about format needs when people join, not on the night.

## Recruiting and keeping members

- A taster meeting each quarter where nobody needs to have read the book.
- Personal invitations from staff at the desk, which work better than any poster.
- One joint event a year, often an author visit, so members of different groups meet.
- A short reminder from the host three days before each meeting.
- Partner groups, including a carers' centre and a sixth-form college, that borrow from our sets
    and run their own meetings.

## What it took (staff, money, time)

Building up the sets cost about £3,200 over two years from the stock budget, at around £6 to £8
a copy.
Host training is a two-hour session twice a year.
The coordinator's time is the main ongoing cost.

## Outcomes and evidence

Groups grew from nine to fourteen in two years, with 160 regular members.
No group now has a waiting list longer than a month, because new members can be pointed to a
nearby group with space.

In the second year's survey, members rated their group 4.6 out of 5 on average, and 38% said
they now read books they would never have chosen for themselves.
The online groups have the youngest members in the network.

## Who to contact

Our readers' advisory and book groups lead (fiona.mcrae) can share the host guide and the set
list.
For online and hybrid groups, ask our community engagement lead (lena.b).
""",
            ),
            (
                "eddie.editor",
                "Added resources with links to related practice",
                """## The problem or context

Our service had nine book groups across twelve branches, each run differently: some by staff,
some by volunteers, some barely meeting.
Two branches had waiting lists while others had three members.
Staff spent a lot of time ordering sets of books one group at a time.

We also knew who was missing.
Almost every member was retired and able to get to a branch on a weekday afternoon, while people
who worked, cared for someone or could not leave home had no way in.

## The practice

We brought all the groups into one network with a shared calendar, shared book sets and a common
way of running meetings, while letting each group keep its own character.

- **One coordinator, many hosts.** A single coordinator (0.2 FTE) looks after the network; each
    group has a host, staff or volunteer, who runs the meetings.
- **Shared sets on a rota.** We hold 40 sets of 12 copies.
    Sets move between branches on the normal transport van, on a six-week rota.
- **A simple meeting format.** Welcome, a round of one-word reactions, open discussion with
    three prepared questions, then choosing the next book.
    Hosts get a one-page guide.
- **Groups choose from a menu.** Each quarter, groups pick from a list of available sets, so
    choice is real but ordering stays manageable.

## Reaching people who can't get to a branch

Two groups now meet online: one in the daytime for people with caring responsibilities, and one
in the evening for people who work.
A hybrid group meets in the central library with a laptop and a conference speaker, so
housebound members can join by phone, and the home library service delivers their copies.

Every set now has at least one large-print copy, and an audiobook licence where one exists.
Ask about format needs when people join, not on the night.

## Recruiting and keeping members

- A taster meeting each quarter where nobody needs to have read the book.
- Personal invitations from staff at the desk, which work better than any poster.
- One joint event a year, often an author visit, so members of different groups meet.
- A short reminder from the host three days before each meeting.
- Partner groups, including a carers' centre and a sixth-form college, that borrow from our sets
    and run their own meetings.

## What it took (staff, money, time)

Building up the sets cost about £3,200 over two years from the stock budget, at around £6 to £8
a copy.
Host training is a two-hour session twice a year.
The coordinator's time is the main ongoing cost.

## Outcomes and evidence

Groups grew from nine to fourteen in two years, with 160 regular members.
No group now has a waiting list longer than a month, because new members can be pointed to a
nearby group with space.

In the second year's survey, members rated their group 4.6 out of 5 on average, and 38% said
they now read books they would never have chosen for themselves.
The online groups have the youngest members in the network.

## Resources

- [[Readers' advisory conversations]] for the skills hosts use to suggest the next book.
- [[Library marketing on a shoestring]] for how we filled the evening groups.
- [[Managing reading group collections]] for buying, labelling and retiring sets.

## Who to contact

Our readers' advisory and book groups lead (fiona.mcrae) can share the host guide and the set
list.
For online and hybrid groups, ask our community engagement lead (lena.b).
""",
            ),
            (
                "fiona.mcrae",
                "Updated the number of sets after this year's stock check",
                """## The problem or context

Our service had nine book groups across twelve branches, each run differently: some by staff,
some by volunteers, some barely meeting.
Two branches had waiting lists while others had three members.
Staff spent a lot of time ordering sets of books one group at a time.

We also knew who was missing.
Almost every member was retired and able to get to a branch on a weekday afternoon, while people
who worked, cared for someone or could not leave home had no way in.

## The practice

We brought all the groups into one network with a shared calendar, shared book sets and a common
way of running meetings, while letting each group keep its own character.

- **One coordinator, many hosts.** A single coordinator (0.2 FTE) looks after the network; each
    group has a host, staff or volunteer, who runs the meetings.
- **Shared sets on a rota.** We hold 46 sets of 12 copies.
    Sets move between branches on the normal transport van, on a six-week rota.
- **A simple meeting format.** Welcome, a round of one-word reactions, open discussion with
    three prepared questions, then choosing the next book.
    Hosts get a one-page guide.
- **Groups choose from a menu.** Each quarter, groups pick from a list of available sets, so
    choice is real but ordering stays manageable.

## Reaching people who can't get to a branch

Two groups now meet online: one in the daytime for people with caring responsibilities, and one
in the evening for people who work.
A hybrid group meets in the central library with a laptop and a conference speaker, so
housebound members can join by phone, and the home library service delivers their copies.

Every set now has at least one large-print copy, and an audiobook licence where one exists.
Ask about format needs when people join, not on the night.

## Recruiting and keeping members

- A taster meeting each quarter where nobody needs to have read the book.
- Personal invitations from staff at the desk, which work better than any poster.
- One joint event a year, often an author visit, so members of different groups meet.
- A short reminder from the host three days before each meeting.
- Partner groups, including a carers' centre and a sixth-form college, that borrow from our sets
    and run their own meetings.

## What it took (staff, money, time)

Building up the sets cost about £3,200 over two years from the stock budget, at around £6 to £8
a copy.
Host training is a two-hour session twice a year.
The coordinator's time is the main ongoing cost.

## Outcomes and evidence

Groups grew from nine to fourteen in two years, with 160 regular members.
No group now has a waiting list longer than a month, because new members can be pointed to a
nearby group with space.

In the second year's survey, members rated their group 4.6 out of 5 on average, and 38% said
they now read books they would never have chosen for themselves.
The online groups have the youngest members in the network.

## Resources

- [[Readers' advisory conversations]] for the skills hosts use to suggest the next book.
- [[Library marketing on a shoestring]] for how we filled the evening groups.
- [[Managing reading group collections]] for buying, labelling and retiring sets.

## Who to contact

Our readers' advisory and book groups lead (fiona.mcrae) can share the host guide and the set
list.
For online and hybrid groups, ask our community engagement lead (lena.b).
""",
            ),
        ],
    },
    {
        "title": "Inquiry-based learning with the school library",
        "tags": ["inquiry-based-learning", "information-literacy", "teaching"],
        "sectors": ["school"],
        "revisions": [
            (
                "r.adeyemi",
                "First draft of our inquiry cycle",
                """## The problem or context

Project work in Years 7 to 9 usually meant students copying from the first three websites they
found and turning it into a poster.
Teachers wanted students to ask better questions and use sources critically, but research skills
were nobody's job in particular.

## The practice

The library now co-plans and co-teaches one inquiry project per year group with a subject
department, using a simple six-stage cycle that students meet in every project.

1. **Wonder.** Students explore a topic broadly with a curated box of books, images and objects,
    and write down questions.
2. **Question.** They choose and refine one question that cannot be answered with a single fact.
3. **Find.** They search the catalogue, databases and the web, keeping a research log.
4. **Evaluate.** They judge each source: who made it, why, and how they know it is reliable.
5. **Create.** They make something to share what they found: a talk, a short film, a model or an
    essay.
6. **Reflect.** They look back at their log and note what they would do differently next time.

Teachers own the subject content and the assessment; the librarian owns the research process and
teaches stages 2 to 4.
Both are in the room for the first lesson of each stage.

### An example: Year 8 history

Our Year 8 history project asks "How did the war change our town?" Students start from a box of
local newspaper reprints, photographs and a ration book lent by the local studies service.
Over six weeks and twelve lessons, each student builds a question, a log of at least six sources
and a four-minute presentation.

## What it took (staff, money, time)

Co-planning takes about three hours per project with the subject lead, and the librarian teaches
around twelve lessons per project.
We run three projects a year.
The collections cost little extra: about £400 a year on books for topic boxes, plus free loans
from the local studies service and the schools library service.

## Outcomes and evidence

Teachers report clear improvements in students' questions and source lists between their first
and second projects.
In the second year of the history project, 70% of students used at least one primary source,
compared with 15% before.
Students also found their way to the library: Year 8 lunchtime visits doubled during project
weeks.

## Pitfalls

- Don't start with the product.
    If the poster is fixed in the first lesson, students skip straight to copying.
- Check research logs weekly, or they get filled in the night before the deadline.
- Match topic boxes to the reading ages in the class, including picture books and short texts.

## Who to contact

Our teacher librarian (r.adeyemi) can share the six-stage planning sheet and the research log
template.
""",
            ),
            (
                "priya.n",
                "Added a note on reading and topic boxes",
                """## The problem or context

Project work in Years 7 to 9 usually meant students copying from the first three websites they
found and turning it into a poster.
Teachers wanted students to ask better questions and use sources critically, but research skills
were nobody's job in particular.

## The practice

The library now co-plans and co-teaches one inquiry project per year group with a subject
department, using a simple six-stage cycle that students meet in every project.

1. **Wonder.** Students explore a topic broadly with a curated box of books, images and objects,
    and write down questions.
2. **Question.** They choose and refine one question that cannot be answered with a single fact.
3. **Find.** They search the catalogue, databases and the web, keeping a research log.
4. **Evaluate.** They judge each source: who made it, why, and how they know it is reliable.
5. **Create.** They make something to share what they found: a talk, a short film, a model or an
    essay.
6. **Reflect.** They look back at their log and note what they would do differently next time.

Teachers own the subject content and the assessment; the librarian owns the research process and
teaches stages 2 to 4.
Both are in the room for the first lesson of each stage.

Leave room for reading.
The wonder stage is where many reluctant readers find a book they want to finish, so the topic
box stays out for borrowing after the project ends.
See [[Reading for pleasure in schools]].

### An example: Year 8 history

Our Year 8 history project asks "How did the war change our town?" Students start from a box of
local newspaper reprints, photographs and a ration book lent by the local studies service.
Over six weeks and twelve lessons, each student builds a question, a log of at least six sources
and a four-minute presentation.

## What it took (staff, money, time)

Co-planning takes about three hours per project with the subject lead, and the librarian teaches
around twelve lessons per project.
We run three projects a year.
The collections cost little extra: about £400 a year on books for topic boxes, plus free loans
from the local studies service and the schools library service.

## Outcomes and evidence

Teachers report clear improvements in students' questions and source lists between their first
and second projects.
In the second year of the history project, 70% of students used at least one primary source,
compared with 15% before.
Students also found their way to the library: Year 8 lunchtime visits doubled during project
weeks.

## Pitfalls

- Don't start with the product.
    If the poster is fixed in the first lesson, students skip straight to copying.
- Check research logs weekly, or they get filled in the night before the deadline.
- Match topic boxes to the reading ages in the class, including picture books and short texts.

## Who to contact

Our teacher librarian (r.adeyemi) can share the six-stage planning sheet and the research log
template.
""",
            ),
            (
                "amira.h",
                "Added advice on using archive and local studies material",
                """## The problem or context

Project work in Years 7 to 9 usually meant students copying from the first three websites they
found and turning it into a poster.
Teachers wanted students to ask better questions and use sources critically, but research skills
were nobody's job in particular.

## The practice

The library now co-plans and co-teaches one inquiry project per year group with a subject
department, using a simple six-stage cycle that students meet in every project.

1. **Wonder.** Students explore a topic broadly with a curated box of books, images and objects,
    and write down questions.
2. **Question.** They choose and refine one question that cannot be answered with a single fact.
3. **Find.** They search the catalogue, databases and the web, keeping a research log.
4. **Evaluate.** They judge each source: who made it, why, and how they know it is reliable.
5. **Create.** They make something to share what they found: a talk, a short film, a model or an
    essay.
6. **Reflect.** They look back at their log and note what they would do differently next time.

Teachers own the subject content and the assessment; the librarian owns the research process and
teaches stages 2 to 4.
Both are in the room for the first lesson of each stage.

Leave room for reading.
The wonder stage is where many reluctant readers find a book they want to finish, so the topic
box stays out for borrowing after the project ends.
See [[Reading for pleasure in schools]].

### An example: Year 8 history

Our Year 8 history project asks "How did the war change our town?" Students start from a box of
local newspaper reprints, photographs and a ration book lent by the local studies service.
Over six weeks and twelve lessons, each student builds a question, a log of at least six sources
and a four-minute presentation.

Archives and local studies services often lend facsimiles or run sessions for schools, and
digitised community collections are a rich source of local material students cannot find
anywhere else (see [[Community archiving projects]]).
Check the reuse terms before students put archive images in work that will be published or
displayed outside school.

## What it took (staff, money, time)

Co-planning takes about three hours per project with the subject lead, and the librarian teaches
around twelve lessons per project.
We run three projects a year.
The collections cost little extra: about £400 a year on books for topic boxes, plus free loans
from the local studies service and the schools library service.

## Outcomes and evidence

Teachers report clear improvements in students' questions and source lists between their first
and second projects.
In the second year of the history project, 70% of students used at least one primary source,
compared with 15% before.
Students also found their way to the library: Year 8 lunchtime visits doubled during project
weeks.

## Pitfalls

- Don't start with the product.
    If the poster is fixed in the first lesson, students skip straight to copying.
- Check research logs weekly, or they get filled in the night before the deadline.
- Match topic boxes to the reading ages in the class, including picture books and short texts.

## Who to contact

Our teacher librarian (r.adeyemi) can share the six-stage planning sheet and the research log
template.
""",
            ),
            (
                "tom.chen",
                "Added what university librarians see afterwards",
                """## The problem or context

Project work in Years 7 to 9 usually meant students copying from the first three websites they
found and turning it into a poster.
Teachers wanted students to ask better questions and use sources critically, but research skills
were nobody's job in particular.

## The practice

The library now co-plans and co-teaches one inquiry project per year group with a subject
department, using a simple six-stage cycle that students meet in every project.

1. **Wonder.** Students explore a topic broadly with a curated box of books, images and objects,
    and write down questions.
2. **Question.** They choose and refine one question that cannot be answered with a single fact.
3. **Find.** They search the catalogue, databases and the web, keeping a research log.
4. **Evaluate.** They judge each source: who made it, why, and how they know it is reliable.
5. **Create.** They make something to share what they found: a talk, a short film, a model or an
    essay.
6. **Reflect.** They look back at their log and note what they would do differently next time.

Teachers own the subject content and the assessment; the librarian owns the research process and
teaches stages 2 to 4.
Both are in the room for the first lesson of each stage.

Leave room for reading.
The wonder stage is where many reluctant readers find a book they want to finish, so the topic
box stays out for borrowing after the project ends.
See [[Reading for pleasure in schools]].

### An example: Year 8 history

Our Year 8 history project asks "How did the war change our town?" Students start from a box of
local newspaper reprints, photographs and a ration book lent by the local studies service.
Over six weeks and twelve lessons, each student builds a question, a log of at least six sources
and a four-minute presentation.

Archives and local studies services often lend facsimiles or run sessions for schools, and
digitised community collections are a rich source of local material students cannot find
anywhere else (see [[Community archiving projects]]).
Check the reuse terms before students put archive images in work that will be published or
displayed outside school.

## What it took (staff, money, time)

Co-planning takes about three hours per project with the subject lead, and the librarian teaches
around twelve lessons per project.
We run three projects a year.
The collections cost little extra: about £400 a year on books for topic boxes, plus free loans
from the local studies service and the schools library service.

## Outcomes and evidence

Teachers report clear improvements in students' questions and source lists between their first
and second projects.
In the second year of the history project, 70% of students used at least one primary source,
compared with 15% before.
Students also found their way to the library: Year 8 lunchtime visits doubled during project
weeks.

University librarians notice the difference.
Students who did inquiry projects at school arrive able to frame a question and keep track of
their sources, which is exactly where
[[Embedding information literacy in first-year courses|embedded first-year teaching]] picks up.

## Pitfalls

- Don't start with the product.
    If the poster is fixed in the first lesson, students skip straight to copying.
- Check research logs weekly, or they get filled in the night before the deadline.
- Match topic boxes to the reading ages in the class, including picture books and short texts.

## Who to contact

Our teacher librarian (r.adeyemi) can share the six-stage planning sheet and the research log
template.
""",
            ),
        ],
    },
]
