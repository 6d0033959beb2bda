"""Demo community: workgroups and question threads written for Commonplace.

Each thread names its asker, the workgroup it was put to (or None), how many days ago it
was asked, and its answers with the members who voted on and commented on them. `accept`
is the index of the accepted answer; one thread carries `promote` and becomes an article.
A voter written "-name" votes the post down.
"""

from __future__ import annotations

WORKGROUPS = [
    {
        "key": "makerspaces",
        "name": "Makerspaces",
        "description": "Running making, tinkering and digital fabrication in libraries: "
                       "equipment, safety, staffing, programming and measuring what it is "
                       "worth.",
        "days_ago": 190,
        "moderators": ["maria.lopez"],
        "members": ["maria.lopez", "ben.walsh", "r.adeyemi", "lena.b", "eddie.editor",
                    "c.dubois"],
    },
    {
        "key": "information-literacy",
        "name": "Information literacy",
        "description": "Teaching people to find, judge and use information, from the school "
                       "library to the clinic: session design, assessment and working with "
                       "teachers and faculty.",
        "days_ago": 188,
        "moderators": ["tom.chen"],
        "members": ["tom.chen", "r.adeyemi", "j.osei", "c.dubois", "priya.n", "h.tanaka"],
    },
    {
        "key": "readers-advisory",
        "name": "Readers' advisory",
        "description": "Helping readers find their next book: conversations, displays, book "
                       "groups and reading for pleasure at every age.",
        "days_ago": 185,
        "moderators": ["fiona.mcrae"],
        "members": ["fiona.mcrae", "priya.n", "lena.b", "eddie.editor", "ben.walsh"],
    },
    {
        "key": "digital-collections",
        "name": "Digital collections",
        "description": "Digitising, describing, preserving and sharing collections: formats, "
                       "storage, rights and metadata for small and large institutions.",
        "days_ago": 182,
        "moderators": ["amira.h"],
        "members": ["amira.h", "sam.k", "agnes.admin", "j.osei", "h.tanaka", "c.dubois"],
    },
]

THREADS = [
    # ------------------------------------------------------------ makerspaces
    {
        "group": "makerspaces",
        "asker": "maria.lopez",
        "days_ago": 168,
        "title": "How do you stop the 3D printer queue from taking over the makerspace?",
        "tags": ["makerspaces", "3d-printing", "booking"],
        "body": """\
We have two FDM printers in the Riverside makerspace and the queue has become the whole
job. Some prints run nine hours, people leave files on a USB stick at the desk and come back
the next day, and failed prints are restarted by whoever notices first.

Staff spend more time babysitting the printers than helping people learn to design. How do
you keep printing fair and keep staff time for teaching? I'd love to hear about booking
rules, time limits and who is allowed to start a print.""",
        "votes": ["ben.walsh", "r.adeyemi", "lena.b", "c.dubois", "eddie.editor"],
        "answers": [
            {
                "author": "ben.walsh",
                "body": """\
We had exactly this, and three changes fixed most of it:

1. **Book the printer, not the desk.** Prints are booked in two-hour slots on the same
   booking system as our study rooms. No slot, no print. Long prints go in the last slot
   of the day and run overnight only on the printer nearest the staff room.
2. **A four-hour cap.** Anything longer has to be split into parts or scaled down. Staff
   show people how to do that in the slicer, which turned out to be the most useful
   teaching moment we have.
3. **The maker starts their own print.** After a 20-minute induction, members load the
   file, check the first layer and sign the log sheet. Staff don't start prints for
   anyone, so there is no pile of USB sticks.

We also keep a "print clinic" hour on Saturdays for people who haven't done the induction
yet. Failed prints dropped by about half once people watched their own first layer.""",
                "votes": ["maria.lopez", "r.adeyemi", "lena.b", "c.dubois", "eddie.editor",
                          "priya.n"],
                "comments": [
                    ("maria.lopez", "The four-hour cap with staff teaching people to split "
                                    "models is brilliant: it turns the queue into a lesson."),
                    ("lena.b", "Do you charge for filament? We're debating a small per-gram "
                               "fee."),
                    ("ben.walsh", "@lena.b first 50 g a week free, then 5p a gram. It mostly "
                                  "stops people printing the same keyring twenty times."),
                ],
            },
            {
                "author": "r.adeyemi",
                "body": """\
In a school the pressure is different (everything is due on Friday), but what worked for
us was training six Year 10 students as **print technicians**. They run the queue at lunch
and after school, check files against a short checklist (fits the bed, under three hours,
supports where needed) and reject anything that fails with a note explaining why.

The technicians put it on their personal statements, and I got my lunchtimes back.""",
                "votes": ["maria.lopez", "ben.walsh", "priya.n"],
                "comments": [],
            },
            {
                "author": "c.dubois",
                "body": """\
One small thing: put the queue where people can see it. We have a whiteboard by the
printers with name, booked slot and status (waiting, printing, done, failed). Nobody has
to ask staff where their print is, and failed prints get collected instead of restarted.""",
                "votes": ["maria.lopez"],
                "comments": [],
            },
        ],
        "comments": [
            ("eddie.editor", "Worth writing up whatever you settle on: three branches in "
                             "Northshire have the same problem."),
        ],
        "accept": 0,
        "promote": {
            "by": "maria.lopez",
            "title": "Running a fair 3D printing service",
            "tags": ["makerspaces", "3d-printing", "booking"],
            "sectors": ["public", "school"],
            "intro": "How to keep 3D printing fair and keep staff time for teaching, drawn "
                     "from a Commonplace thread with contributions from public, school and "
                     "academic libraries.",
        },
    },
    {
        "group": "makerspaces",
        "asker": "ben.walsh",
        "days_ago": 151,
        "title": "What safety induction do you require before someone uses the laser cutter?",
        "tags": ["makerspaces", "health-and-safety", "laser-cutting"],
        "body": """\
We are about to get a small 40 W laser cutter. Our council's health and safety adviser
wants to see an induction before we open it to the public. What do your inductions cover,
how long are they, and do you re-check people after a while?""",
        "votes": ["maria.lopez", "c.dubois"],
        "answers": [
            {
                "author": "maria.lopez",
                "body": """\
Ours is 45 minutes, one to three people at a time, and nobody uses the cutter alone until
they have done it:

- **Materials.** The approved list is on the wall. No PVC or vinyl (chlorine gas), nothing
  brought from home without a staff check. Most incidents start with the wrong material.
- **Never leave it running.** The person cutting stays beside it for the whole job. A
  small flare-up is normal; a fire happens when nobody is watching.
- **Extraction and the lid.** Check the extractor is on before starting; never open the
  lid until the fan has run for 30 seconds after the job.
- **The fire blanket and extinguisher.** People physically touch both during the
  induction.
- **A supervised first job.** They cut a name tag from our template while staff watch.

People sign a card that lasts twelve months. If someone hasn't used the cutter for six
months we ask them to do the supervised job again. Our adviser was happy with a written
risk assessment plus the signed cards.""",
                "votes": ["ben.walsh", "c.dubois", "r.adeyemi", "eddie.editor"],
                "comments": [
                    ("ben.walsh", "The supervised name tag is a great idea: it gives a clear "
                                  "end to the induction."),
                ],
            },
            {
                "author": "eddie.editor",
                "body": """\
Check your insurance too. Our insurer wanted the induction records kept for three years
and asked whether under-16s use the machine. We settled on under-16s only with a parent
who has done the induction, and staff press the start button.""",
                "votes": ["ben.walsh", "maria.lopez"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "makerspaces",
        "asker": "r.adeyemi",
        "days_ago": 133,
        "title": "Sewing machines in a school library: worth it, and where do you keep them?",
        "tags": ["makerspaces", "schools", "textiles"],
        "body": """\
Our textiles department is closing and has offered us four sewing machines. I like the idea
(repair club, costume for the school play) but our library is one open room with no
storeroom. Has anyone made sewing work in a small space?""",
        "votes": ["maria.lopez", "priya.n"],
        "answers": [
            {
                "author": "maria.lopez",
                "body": """\
Take them. Sewing is our most mixed session by age and background, and it's quiet, which
matters in a library.

- Keep the machines in **lidded crates on a trolley** with a padlock; it rolls behind the
  desk when not in use.
- Run it as a **timed club** (one lunchtime a week) rather than drop-in, so you set up
  and pack down once.
- Start with **repair**: buttons, hems, patches. It needs no patterns and students bring
  their own projects.
- Ask for a **volunteer** from the parents' association; there is always someone who
  sews.

Budget for needles and a service each year. The machines themselves will outlive us.""",
                "votes": ["r.adeyemi", "priya.n", "lena.b"],
                "comments": [
                    ("r.adeyemi", "Trolley ordered. Repair club starts after half-term."),
                ],
            },
            {
                "author": "lena.b",
                "body": """\
If you run a repair club, tell your local paper. "Students mend their blazers instead of
buying new ones" is the kind of story that gets picked up, and it helps when you next ask
for budget.""",
                "votes": ["r.adeyemi"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "makerspaces",
        "asker": "lena.b",
        "days_ago": 121,
        "title": "How do you show makerspace impact beyond headcounts?",
        "tags": ["makerspaces", "evaluation", "impact"],
        "body": """\
Our funders ask for numbers, and we give them attendance. But "412 visits" says nothing
about what people learned or made. What do you collect that shows the difference a
makerspace makes, without turning every session into a survey?""",
        "votes": ["maria.lopez", "eddie.editor", "c.dubois"],
        "answers": [
            {
                "author": "maria.lopez",
                "body": """\
We ask two questions at the end of a session, on a card, and nothing else:

1. *What did you make or fix today?*
2. *What can you do now that you couldn't do before?*

Once a quarter we sort the cards into themes (first time using a tool, fixed something,
made a gift, started a business idea). A quarterly report with "31 people used a tool for
the first time" and three quotes is far more persuasive than attendance.""",
                "votes": ["lena.b", "eddie.editor", "c.dubois", "ben.walsh"],
                "comments": [],
            },
            {
                "author": "c.dubois",
                "body": """\
Photograph the things people make (with permission). A shared album of objects is evidence
in itself, and funders love a slide of twenty very different things made in one month.""",
                "votes": ["lena.b", "maria.lopez"],
                "comments": [],
            },
            {
                "author": "eddie.editor",
                "body": """\
Follow a handful of regulars for a year. Three short case studies ("came to fix a lamp,
now runs the Saturday repair café") have done more for our budget than any table.""",
                "votes": ["lena.b", "maria.lopez", "fiona.mcrae"],
                "comments": [
                    ("lena.b", "Combining all three of these. Accepting Maria's because the "
                               "two-question card is what we can start tomorrow."),
                ],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "makerspaces",
        "asker": "c.dubois",
        "days_ago": 98,
        "title": "Can we lend Arduino and micro:bit kits without losing half the parts?",
        "tags": ["makerspaces", "lending", "electronics"],
        "body": """\
We'd like to put electronics kits on loan for students and the public, but a test run lost
a third of the components in a month. How do you package and check kits so they come back
complete, without staff counting resistors at the desk?""",
        "votes": ["ben.walsh", "maria.lopez"],
        "answers": [
            {
                "author": "ben.walsh",
                "body": """\
We lend 30 kits and lose very little now:

- **A photo inventory card** in the lid of each box: a picture of every part in its slot,
  so the borrower checks the kit themselves before returning it.
- **Compartment boxes with a foam insert** cut to shape. An empty slot is obvious at a
  glance.
- **Weigh the kit** at issue and return. A kitchen scale at the desk catches a missing
  board in two seconds; we only count parts when the weight is off.
- **Treat small parts as consumables.** Resistors, jumper wires and LEDs are cheap: we
  top them up from a spares drawer and don't chase borrowers for them.

We charge only for the board itself if it goes missing.""",
                "votes": ["c.dubois", "maria.lopez", "r.adeyemi", "sam.k"],
                "comments": [
                    ("c.dubois", "The kitchen scale is genius. Trying it next term."),
                ],
            },
            {
                "author": "maria.lopez",
                "body": """\
Put a QR code on the box that links to a getting-started page. Kits come back complete more
often when people actually use them, and they use them more when the first project takes
ten minutes.""",
                "votes": ["c.dubois"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "makerspaces",
        "asker": "maria.lopez",
        "days_ago": 34,
        "title": "What checks and training do you give volunteer mentors at a teen tech club?",
        "tags": ["makerspaces", "teens", "volunteers", "safeguarding"],
        "body": """\
A local software company has offered three staff as volunteer mentors for our teen tech
club. Beyond the DBS check, what do you ask of mentors working with 13 to 17 year olds?
Any induction you'd recommend?""",
        "votes": ["ben.walsh"],
        "answers": [
            {
                "author": "eddie.editor",
                "body": """\
Our volunteer policy covers most of it, but for teen sessions we add:

- the council's online safeguarding module before the first session;
- a named staff member present at every session (mentors are never the only adults);
- no one-to-one contact outside sessions, including on social media or messaging apps;
- a short briefing on what to do if a young person tells them something worrying.

Ask your safeguarding lead to meet the mentors once in person. It sets the tone.""",
                "votes": ["maria.lopez", "ben.walsh"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": None,
    },
    # ------------------------------------------------------------ information literacy
    {
        "group": "information-literacy",
        "asker": "tom.chen",
        "days_ago": 160,
        "title": "A one-shot session in 50 minutes: what do you actually cut?",
        "tags": ["information-literacy", "teaching", "one-shot"],
        "body": """\
A first-year module leader has given me a single 50-minute slot before the students'
first essay. My usual plan covers the catalogue, two databases, evaluating sources and
referencing, and I never get past the databases. What do you leave out, and what do you
keep?""",
        "votes": ["c.dubois", "r.adeyemi", "j.osei", "h.tanaka"],
        "answers": [
            {
                "author": "c.dubois",
                "body": """\
Start from the assignment, not the library. I ask the module leader for the essay question
and build the whole session around finding two good sources for it.

- **Keep:** turning the essay question into search terms (10 minutes, in pairs), one
  database searched live with their terms (15 minutes), and judging what they found
  against the marking criteria (15 minutes).
- **Cut:** the catalogue tour, referencing (give them the guide and a link; the writing
  centre covers it), and any second database.
- **End** with where to get help: the chat service and the subject librarian's booking
  link.

Students remember one database they used for their own essay far better than three they
watched me use.""",
                "votes": ["tom.chen", "r.adeyemi", "j.osei", "priya.n", "h.tanaka"],
                "comments": [
                    ("tom.chen", "Asking for the essay question in advance changed the whole "
                                 "session. Thank you."),
                ],
            },
            {
                "author": "r.adeyemi",
                "body": """\
Same advice from the school end: one skill, practised, beats five demonstrated. If you must
mention referencing, show one citation being built and point to the guide.""",
                "votes": ["tom.chen", "c.dubois"],
                "comments": [],
            },
            {
                "author": "j.osei",
                "body": """\
Leave five minutes for a "muddiest point" card at the end: what's still unclear? It tells
you what to put in the follow-up email, and it tells the module leader why a second
session would help.""",
                "votes": ["tom.chen", "c.dubois"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "information-literacy",
        "asker": "r.adeyemi",
        "days_ago": 142,
        "title": "Teaching Year 9 to spot AI-generated sources: any activity that works?",
        "tags": ["information-literacy", "schools", "ai", "evaluation"],
        "body": """\
Students are citing websites that are clearly machine-written: confident, vague, no named
author, sometimes with invented references. Telling them to "check the author" isn't
landing. Has anyone got an activity that makes the point in a lesson?""",
        "votes": ["tom.chen", "priya.n", "c.dubois"],
        "answers": [
            {
                "author": "tom.chen",
                "body": """\
Lateral reading works better than any checklist. The activity I use:

1. Give pairs three pages on the same topic: one from a reputable organisation, one
   content-farm page, one machine-written page with a made-up statistic.
2. They may **not** read the pages closely. Instead, they open new tabs and find out who
   is behind each site and whether the key claim appears anywhere trustworthy.
3. Three minutes per page, then they rank them and explain why.

The made-up statistic is the hook: when they search for it and find nothing, the point
makes itself. Finish by checking one reference from the machine-written page; it usually
doesn't exist.""",
                "votes": ["r.adeyemi", "priya.n", "c.dubois", "j.osei", "h.tanaka"],
                "comments": [
                    ("r.adeyemi", "Ran this with two classes. The invented statistic got an "
                                  "audible gasp."),
                ],
            },
            {
                "author": "priya.n",
                "body": """\
We ask students to find the same fact in two independent sources before they can use it.
It takes longer at first, but it becomes a habit, and it works whether the page was written
by a person or a machine.""",
                "votes": ["r.adeyemi", "tom.chen"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "information-literacy",
        "asker": "j.osei",
        "days_ago": 127,
        "title": "How do you teach clinicians to build a PICO search without a lecture?",
        "tags": ["information-literacy", "health", "literature-searching"],
        "body": """\
Junior doctors get one hour with me during induction. They know what PICO stands for but
can't turn a clinical question into a search that finds anything. Lectures don't stick.
What would you do with the hour?""",
        "votes": ["tom.chen", "h.tanaka"],
        "answers": [
            {
                "author": "tom.chen",
                "body": """\
Use their own questions. Ask each person to bring one question from a recent shift. Then:

- 10 minutes: in pairs, write the question as P, I, C, O on a grid.
- 10 minutes: for each box, list synonyms and the subject headings you find together.
- 25 minutes: build the search live, one concept per line, combined with AND at the end.
- 10 minutes: each pair reports how many results they got and what they'd change.

The grid goes home with them. It's the grid they reuse, not the slides.""",
                "votes": ["j.osei", "c.dubois", "h.tanaka", "r.adeyemi"],
                "comments": [
                    ("c.dubois", "@j.osei a printable version of that grid would be a "
                                 "lovely addition to your evidence summaries article."),
                    ("j.osei", "Good idea: I'll add one."),
                ],
            },
            {
                "author": "h.tanaka",
                "body": """\
For what it's worth, the same structure works for legal research with trainees: facts,
issue, jurisdiction, remedy in a grid first, then the search. Having something to fill in
before touching the database seems to be what makes it stick.""",
                "votes": ["j.osei"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "information-literacy",
        "asker": "c.dubois",
        "days_ago": 110,
        "title": "Assessing information literacy: pre/post tests or something better?",
        "tags": ["information-literacy", "assessment", "evaluation"],
        "body": """\
Our library committee wants evidence that our teaching works. Multiple-choice pre and post
tests show a small gain but feel like they measure recall of our slides. What do you use
that shows real change in how students find and use sources?""",
        "votes": ["tom.chen", "r.adeyemi"],
        "answers": [
            {
                "author": "tom.chen",
                "body": """\
Assess the work they already produce. We agreed a short rubric with two module leaders and
scored a sample of annotated bibliographies before and after our sessions:

- variety of source types;
- whether each source is relevant to their question;
- whether the annotation says *why* the source is credible.

Two librarians score each piece blind, and we meet to settle differences. It's more work
than a quiz, but the committee trusted it because it came from assessed coursework and the
academics helped design it.""",
                "votes": ["c.dubois", "r.adeyemi", "j.osei"],
                "comments": [],
            },
            {
                "author": "r.adeyemi",
                "body": """\
In school we use a one-minute reflection at the start and end of a research project: "How
do you decide whether to trust a website?" The change in the answers is easy to show to
governors, and students see their own progress.""",
                "votes": ["c.dubois"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "information-literacy",
        "asker": "h.tanaka",
        "days_ago": 61,
        "title": "Trainee lawyers trust the first result on the research platform: how do "
                 "you break the habit?",
        "tags": ["information-literacy", "legal-information", "training"],
        "body": """\
Our trainees search the big legal databases like a web search engine and cite whatever is
at the top. Twice this year that was a superseded version. Any approach that has changed
this behaviour in your organisation?""",
        "votes": ["j.osei", "tom.chen"],
        "answers": [
            {
                "author": "j.osei",
                "body": """\
We had the same with clinical guidelines. What helped was a short exercise where the top
result is deliberately out of date: they search, cite, and then we reveal the newer
version. Being caught out once, safely, in training works better than a warning.""",
                "votes": ["h.tanaka", "tom.chen"],
                "comments": [],
            },
            {
                "author": "tom.chen",
                "body": """\
Teach the filters as part of the search, not as an optional extra. If the first search
they ever do includes "in force" or "current version", that becomes their default.""",
                "votes": ["h.tanaka"],
                "comments": [
                    ("h.tanaka", "Both of these are going into the autumn induction. I'll "
                                 "report back on whether it works."),
                ],
            },
        ],
        "comments": [],
        "accept": None,
    },
    {
        "group": "information-literacy",
        "asker": "priya.n",
        "days_ago": 88,
        "title": "How do I get teachers to book the library for research lessons, not just "
                 "quiet reading?",
        "tags": ["information-literacy", "schools", "collaboration"],
        "body": """\
Most teachers see the library as the place for silent reading or a cover lesson. I'd like
to co-teach research lessons with the humanities department but bookings never come. How
did you get teachers to see you as a teaching partner?""",
        "votes": ["r.adeyemi", "tom.chen", "fiona.mcrae"],
        "answers": [
            {
                "author": "r.adeyemi",
                "body": """\
Start with one willing teacher and one unit. I offered to plan and teach the research
lesson for a Year 8 history project, with the teacher in the room. Then:

- I showed the work to the head of department afterwards, with the teacher presenting it.
- I offered the same lesson, already planned, to the other Year 8 classes.
- Next year it was in the scheme of work, with my name on it.

A ready-made lesson attached to existing coursework is an easy yes. "Book the library for
research" is not.""",
                "votes": ["priya.n", "tom.chen", "c.dubois"],
                "comments": [
                    ("priya.n", "Approaching the geography teacher who already sends me "
                                "book requests."),
                ],
            },
            {
                "author": "tom.chen",
                "body": """\
Go to department meetings, with a five-minute offer and one example of student work.
Being in the room matters more than any email.""",
                "votes": ["priya.n"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": None,
    },
    # ------------------------------------------------------------ readers' advisory
    {
        "group": "readers-advisory",
        "asker": "fiona.mcrae",
        "days_ago": 155,
        "title": "How do you find ten copies of a title for a book group without blowing "
                 "the budget?",
        "tags": ["readers-advisory", "book-groups", "stock"],
        "body": """\
We support 23 book groups across twelve branches and each wants around ten copies of a
new title every month. Buying sets is eating the stock budget and the copies sit idle
afterwards. How do other services supply book groups?""",
        "votes": ["eddie.editor", "lena.b", "priya.n"],
        "answers": [
            {
                "author": "eddie.editor",
                "body": """\
We stopped buying per group and built a **shared set collection**: about 300 titles in
sets of ten, held centrally and lent to any group for six weeks.

- Groups choose from the set list each quarter; a new title is bought only when at least
  three groups ask for it.
- Sets circulate between branches in the normal van run.
- Publishers' reading group schemes sometimes offer sets at a discount; ask your supplier.
- Large print and audio copies are in each set, so nobody is left out.

Spending fell by about 40%, and groups discovered backlist titles they'd never have
picked.""",
                "votes": ["fiona.mcrae", "lena.b", "priya.n", "ben.walsh", "c.dubois"],
                "comments": [
                    ("fiona.mcrae", "The three-group rule is what we were missing."),
                ],
            },
            {
                "author": "lena.b",
                "body": """\
Partner with the neighbouring authority. We share our set list with two other services
and swap sets through inter-library loan, which doubles the choice for nothing.""",
                "votes": ["fiona.mcrae", "eddie.editor"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "readers-advisory",
        "asker": "priya.n",
        "days_ago": 138,
        "title": "Reluctant Year 8 readers: what has actually worked for you?",
        "tags": ["readers-advisory", "reading-for-pleasure", "schools"],
        "body": """\
I have a group of Year 8 boys who say they "don't read". They'll sit in the library at
lunch but won't take anything out. I'd love practical ideas that have worked, not lists of
books "for reluctant readers".""",
        "votes": ["fiona.mcrae", "r.adeyemi", "lena.b", "tom.chen"],
        "answers": [
            {
                "author": "fiona.mcrae",
                "body": """\
Stop asking them to read a book. Ask them what they're into and hand them something
short about it, without a word about reading:

- match-day programmes, game guides, graphic novels, the *Guinness World Records*;
- a magazine subscription chosen by the group (we let them vote on two titles);
- ask one of them to review something for the display. Being asked for an opinion is
  powerful.

Count the wins quietly. The first voluntary loan is the one that matters; don't make a
fuss of it.""",
                "votes": ["priya.n", "r.adeyemi", "lena.b", "eddie.editor", "ben.walsh"],
                "comments": [
                    ("priya.n", "The magazine vote worked: they chose a football monthly "
                                "and a gaming one, and two of them borrowed a graphic novel "
                                "this week."),
                ],
            },
            {
                "author": "r.adeyemi",
                "body": """\
Audiobooks count. A couple of our most resistant readers became regulars through the
audiobook app; they listened on the bus and wanted the next in the series.""",
                "votes": ["priya.n", "fiona.mcrae"],
                "comments": [],
            },
            {
                "author": "lena.b",
                "body": """\
Let them see adults they respect reading. We ran a "what's your PE teacher reading"
display with photos, and the boys came to look at it.""",
                "votes": ["priya.n"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "readers-advisory",
        "asker": "eddie.editor",
        "days_ago": 104,
        "title": "Do 'blind date with a book' displays still work, and what do you measure?",
        "tags": ["readers-advisory", "displays", "evaluation"],
        "body": """\
Several branches run a "blind date with a book" display every February. Some staff feel
it's tired. Is it still worth doing, and how do you know whether a display works at all?""",
        "votes": ["fiona.mcrae", "lena.b"],
        "answers": [
            {
                "author": "fiona.mcrae",
                "body": """\
It works when the descriptions are good, and they usually aren't. "Romance, funny,
Paris" sells nothing; "for anyone who liked Normal People and wants something gentler"
does. We ask staff to write three keywords plus one comparison title.""",
                "votes": ["eddie.editor", "lena.b", "priya.n"],
                "comments": [],
            },
            {
                "author": "lena.b",
                "body": """\
Measure it the same way for every display: count the stock on it at opening and at closing
each week, and keep the figures in one spreadsheet. After a year you know which displays
move books and which just look nice. Our blind date display turned over three times faster
than the average, so it stayed.""",
                "votes": ["eddie.editor", "fiona.mcrae", "ben.walsh"],
                "comments": [
                    ("eddie.editor", "A simple method every branch can use. Accepted, and "
                                     "I'll put it in our display guidelines."),
                ],
            },
        ],
        "comments": [],
        "accept": 1,
    },
    {
        "group": "readers-advisory",
        "asker": "ben.walsh",
        "days_ago": 76,
        "title": "Readers' advisory for adults reading in a second language: where to "
                 "start?",
        "tags": ["readers-advisory", "esol", "adult-services"],
        "body": """\
Our English conversation group is keen to read for pleasure but the "easy readers" we hold
are written for children. What do you recommend, and how do you talk about reading level
without being patronising?""",
        "votes": ["fiona.mcrae", "priya.n"],
        "answers": [
            {
                "author": "fiona.mcrae",
                "body": """\
- **Graded readers for adults**: several publishers produce adapted classics and original
  fiction graded by level. They're designed for adults, so the subject matter respects
  the reader.
- **Quick Reads** and similar short books by popular authors, written to be accessible.
- **Dual-language** and **home-language** books: reading in one's first language keeps the
  habit alive while English catches up.

On level: ask "How many new words per page is comfortable for you?" rather than naming a
level. People know the answer, and it's a conversation between readers, not a test.""",
                "votes": ["ben.walsh", "priya.n", "lena.b", "c.dubois"],
                "comments": [],
            },
            {
                "author": "priya.n",
                "body": """\
Graphic novels are good too: the pictures carry the meaning when a word is unfamiliar.
Our EAL students start there and move on quickly.""",
                "votes": ["ben.walsh"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": None,
    },
    {
        "group": "readers-advisory",
        "asker": "lena.b",
        "days_ago": 19,
        "title": "How do you write shelf-talkers that don't all sound the same?",
        "tags": ["readers-advisory", "displays", "writing"],
        "body": """\
Our staff picks all read "a gripping page-turner you won't be able to put down". Any
tips or templates for shelf-talkers that actually make someone pick a book up?""",
        "votes": ["fiona.mcrae"],
        "answers": [
            {
                "author": "fiona.mcrae",
                "body": """\
Ban the words "gripping", "page-turner" and "unputdownable" for a month. Then use one of:

- **Read this if…** ("you want a road trip with a grumpy grandmother");
- **One moment** ("the chapter where the ferry breaks down is the funniest thing I've read
  this year");
- **Who'd love it** ("for your friend who still talks about *The Hobbit*").

Sign it with a first name. People trust a person more than "staff pick".""",
                "votes": ["lena.b", "priya.n", "eddie.editor"],
                "comments": [],
            },
            {
                "author": "priya.n",
                "body": """\
Let readers write them too. Our students' shelf-talkers are blunter and much more
persuasive than ours.""",
                "votes": ["lena.b"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": None,
    },
    # ------------------------------------------------------------ digital collections
    {
        "group": "digital-collections",
        "asker": "amira.h",
        "days_ago": 147,
        "title": "Which file format for digitised oral history audio: WAV, FLAC or both?",
        "tags": ["digital-collections", "audio", "file-formats", "digital-preservation"],
        "body": """\
We're digitising 200 cassette interviews for a community oral history project. The
project partner wants MP3 for the website; I want something safer for the archive.
WAV is the usual answer, but the files are huge. Is FLAC acceptable as the preservation
master?""",
        "votes": ["sam.k", "agnes.admin", "c.dubois"],
        "answers": [
            {
                "author": "sam.k",
                "body": """\
FLAC is lossless and openly documented, and many archives accept it. But we keep
**broadcast WAV** as the preservation master and derive everything else from it:

- **Master:** BWF (WAV), 24-bit/96 kHz for tape, with the technical metadata in the
  file's bext chunk.
- **Access:** MP3 or AAC for the website, made from the master.
- **Storage:** if space matters, FLAC as a *second* copy is fine, as long as you can
  always get back to the exact WAV.

200 cassettes at 24/96 is roughly 200 to 250 GB. That's a single external disk today,
so size shouldn't decide the format. Document whatever you choose in a one-page
preservation plan.""",
                "votes": ["amira.h", "agnes.admin", "j.osei", "c.dubois", "h.tanaka"],
                "comments": [
                    ("amira.h", "Going with BWF masters and MP3 access copies. @agnes.admin "
                                "can we get a second disk for the off-site copy?"),
                    ("agnes.admin", "Yes: order it on the IT budget, and we'll add it to the "
                                    "quarterly off-site rotation."),
                ],
            },
            {
                "author": "agnes.admin",
                "body": """\
Whatever the format, run a fixity check (a checksum per file) when the files are created
and again on every copy. The format matters less than knowing the files haven't changed.""",
                "votes": ["amira.h", "sam.k"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "digital-collections",
        "asker": "sam.k",
        "days_ago": 116,
        "title": "How do you check fixity on 4 TB of scans without a dedicated system?",
        "tags": ["digital-collections", "digital-preservation", "fixity"],
        "body": """\
We have about 4 TB of TIFF masters on a network share and two backup disks. No repository
system, no budget for one this year. What's a sensible, low-tech fixity routine?""",
        "votes": ["amira.h", "agnes.admin"],
        "answers": [
            {
                "author": "amira.h",
                "body": """\
We run a routine like this with free tools:

1. **Bag the collection** (BagIt) so each folder carries a manifest of SHA-256
   checksums. A free command-line tool makes and checks the bags.
2. **Validate every copy quarterly.** Validating 4 TB takes several hours, so run it
   overnight, one copy per night.
3. **Keep a log**: date, copy, result. A spreadsheet is fine.
4. **If a file fails**, restore it from a copy that validates, then re-check.

Nothing clever, but it means you'll know within three months if anything has rotted, and
you'll always have a good copy to restore from.""",
                "votes": ["sam.k", "agnes.admin", "j.osei", "h.tanaka"],
                "comments": [],
            },
            {
                "author": "agnes.admin",
                "body": """\
Schedule it rather than relying on someone remembering. A scheduled task on a spare PC
that validates one copy each weekend and emails the result will carry on when people are
on leave.""",
                "votes": ["sam.k", "amira.h"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "digital-collections",
        "asker": "h.tanaka",
        "days_ago": 93,
        "title": "Which rights statement for donated photographs by unknown "
                 "photographers?",
        "tags": ["digital-collections", "copyright", "photographs"],
        "body": """\
The Law Society has been given about 600 photographs of past events, mostly from the
1950s to the 1980s. Photographers are unknown. We want to put them online. What do you
state about rights, and how much searching for the photographer do you do first?""",
        "votes": ["amira.h", "sam.k"],
        "answers": [
            {
                "author": "amira.h",
                "body": """\
For unknown photographers, we:

- record a **reasonable search** for each batch (donor asked, stamps on the back checked,
  local photographers' studios searched), and keep the record;
- publish with the standardised statement **"Copyright undetermined"** or **"In copyright:
  rights-holder(s) unlocatable or unidentifiable"**, whichever fits;
- add a clear **takedown and contact** line, so a photographer or their family can get in
  touch.

Check whether your country has an orphan works scheme. For a members' organisation's own
event photographs, the risk is usually low, but the record of your search is what protects
you.""",
                "votes": ["h.tanaka", "sam.k", "c.dubois"],
                "comments": [
                    ("h.tanaka", "The record of the search is the part we'd have skipped. "
                                 "Thank you."),
                ],
            },
            {
                "author": "sam.k",
                "body": """\
Ask the donor to sign a deed of gift that covers any rights they hold, even if it turns
out to be none. It closes one question for good.""",
                "votes": ["h.tanaka"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": "digital-collections",
        "asker": "c.dubois",
        "days_ago": 70,
        "title": "How much metadata should we capture at a community digitisation day?",
        "tags": ["digital-collections", "metadata", "community-archives"],
        "body": """\
We're running a digitisation day with the public library: people bring family photos and
documents, we scan them while they wait. How much description should we take at the
table? Full catalogue records will create a queue out of the door.""",
        "votes": ["amira.h", "sam.k"],
        "answers": [
            {
                "author": "amira.h",
                "body": """\
Capture only what will be lost when the person leaves:

- who, where and roughly when (in their words);
- the story: two sentences recorded as they tell it;
- permission: a signed form saying what you may do with the scan.

Give each item a number on a slip that goes through the scanner with it. Cataloguing can
happen later from the scans and the form; the memory in someone's head can't.""",
                "votes": ["c.dubois", "sam.k", "h.tanaka"],
                "comments": [],
            },
            {
                "author": "sam.k",
                "body": """\
Take a phone voice recording of the conversation, with permission. It captures far more
than anyone can write down at the table, and it's a lovely addition to the collection.""",
                "votes": ["c.dubois", "amira.h"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": None,
    },
    {
        "group": "digital-collections",
        "asker": "j.osei",
        "days_ago": 26,
        "title": "Should we scan the institute's old conference posters or ask for the "
                 "original files?",
        "tags": ["digital-collections", "research-outputs", "digitisation"],
        "body": """\
Our corridors are full of research posters from the last twenty years. The institute
wants them preserved. Do we scan the printed posters, or chase authors for the original
files, which may be in formats nobody can open any more?""",
        "votes": ["sam.k"],
        "answers": [
            {
                "author": "sam.k",
                "body": """\
Both, in that order of priority: ask for a PDF first (most posters were exported to PDF
for printing), and scan or photograph only the ones nobody can supply. A good photograph
under even light is enough for an A0 poster; you don't need a large-format scanner.""",
                "votes": ["j.osei", "amira.h"],
                "comments": [],
            },
        ],
        "comments": [
            ("amira.h", "Add them to the repository with the conference name and date: "
                        "people search for posters by conference more than by title."),
        ],
        "accept": None,
    },
    # ------------------------------------------------------------ no workgroup
    {
        "group": None,
        "asker": "lena.b",
        "days_ago": 83,
        "title": "Our social media reach has dropped by half: what changed for you?",
        "tags": ["marketing", "social-media"],
        "body": """\
Over the past year our posts reach roughly half as many people as before, with the same
number of followers. Is everyone seeing this? What have you changed?""",
        "votes": ["eddie.editor", "c.dubois"],
        "answers": [
            {
                "author": "eddie.editor",
                "body": """\
Yes, everywhere. What helped us:

- **Short video** of real things (a returns trolley of new books, a child's first library
  card) reaches several times more people than a poster image.
- **Fewer, better posts**: three a week instead of one a day.
- **Other people's channels**: the council's accounts, schools' newsletters and local
  community groups reach people who would never follow a library.

And measure what matters: event bookings and new members, not reach.""",
                "votes": ["lena.b", "c.dubois", "ben.walsh", "fiona.mcrae"],
                "comments": [],
            },
            {
                "author": "c.dubois",
                "body": """\
Get a mailing list going if you haven't. It's the one channel you own, and our monthly
email still brings more people to events than every social account together.""",
                "votes": ["lena.b", "eddie.editor"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": None,
        "asker": "ben.walsh",
        "days_ago": 57,
        "title": "What's your process for wiping loaned laptops between borrowers?",
        "tags": ["digital-inclusion", "device-lending", "privacy"],
        "body": """\
We lend 40 laptops for three weeks at a time. At the moment staff delete the borrower's
files by hand, which is slow and, I suspect, not thorough. What process do you use to
return a laptop to a clean state?""",
        "votes": ["agnes.admin", "sam.k", "maria.lopez"],
        "answers": [
            {
                "author": "agnes.admin",
                "body": """\
Don't delete files by hand: reset the whole machine to a known image every time.

- Build one **standard image** (operating system, browser, office suite, accessibility
  tools) and keep it up to date monthly.
- On return, **reimage** from a USB stick or over the network. It takes 15 to 20 minutes
  unattended; a cart of eight runs at once.
- Use a **guest account that resets at sign-out** as a second line of defence.
- Keep a **log** of device, date and who reset it, so you can show borrowers their data
  really is gone.

Tell borrowers in the loan agreement that the device is wiped on return, and what that
means for files they haven't saved elsewhere.""",
                "votes": ["ben.walsh", "sam.k", "maria.lopez", "c.dubois", "eddie.editor"],
                "comments": [
                    ("ben.walsh", "Reimaging from USB on a cart of eight: that's our "
                                  "Thursday sorted."),
                ],
            },
            {
                "author": "sam.k",
                "body": """\
If the laptops have encrypted drives, a factory reset that throws away the encryption key
is fast and thorough. Check whether your models support it.""",
                "votes": ["ben.walsh", "agnes.admin"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": None,
        "asker": "h.tanaka",
        "days_ago": 44,
        "title": "Current awareness bulletin: email, intranet page or RSS feed?",
        "tags": ["current-awareness", "legal-information", "alerts"],
        "body": """\
We're redesigning our weekly current awareness bulletin for 180 members. Email gets read
but is hard to search later; the intranet page is searchable but nobody visits it. What
has worked for you?""",
        "votes": ["j.osei", "tom.chen"],
        "answers": [
            {
                "author": "j.osei",
                "body": """\
Do both, from one source. We write the bulletin once as intranet posts, one per item with
tags, and send a short weekly email of headlines linking to them. Email gets it read; the
intranet makes it findable later. An RSS feed of the tag pages costs nothing extra for the
few people who want it.""",
                "votes": ["h.tanaka", "tom.chen", "sam.k"],
                "comments": [
                    ("h.tanaka", "One source, two channels. That's the design."),
                ],
            },
            {
                "author": "tom.chen",
                "body": """\
Ask people which practice areas they care about and let them pick. A personalised
bulletin with five items gets read; a general one with forty does not.""",
                "votes": ["h.tanaka"],
                "comments": [],
            },
        ],
        "comments": [],
        "accept": 0,
    },
    {
        "group": None,
        "asker": "r.adeyemi",
        "days_ago": 6,
        "title": "Has anyone run a joint summer reading challenge with the public library?",
        "tags": ["reading-for-pleasure", "partnerships", "schools"],
        "body": """\
I'd like our students to sign up for the public library's summer reading challenge before
term ends, rather than hoping they find it. Has anyone organised this across a school? How
did you handle sign-up and the library cards?""",
        "votes": ["priya.n"],
        "answers": [],
        "comments": [
            ("fiona.mcrae", "We do school visits in June to sign classes up: @r.adeyemi "
                            "message your local branch soon, the slots fill up."),
        ],
        "accept": None,
    },
]
