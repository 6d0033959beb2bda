"""Topics on the web: the register's lists, proposing a topic (with similar ones shown),
a topic's page, interest, editors' decisions, trainers' offers and the topic's feed."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from core import permissions
from core.edge import act, attempt, form_status
from core.errors import NotFound
from core.feeds import FeedEntry, atom_response
from core.models import SECTOR_LABELS
from core.numbers import page_arg, parse_int
from core.paging import paginate
from orgs.models import Organisation
from training import bp, campaigns, discussion, interest, money, offers, topics, trainers
from training.forms import (
    DuplicateForm,
    HideCommentForm,
    InterestForm,
    OfferForm,
    StatusForm,
    TopicCommentForm,
    TopicForm,
)
from training.models import (
    CAMPAIGN_STATUSES,
    FORMATS,
    OFFER_STATUSES,
    TOPIC_STATUSES,
    TrainingTopic,
)

PER_PAGE = 30
FEED_COMMENTS = 20  # the latest comments in a topic's feed


def load_topic(topic_id: int) -> TrainingTopic:
    try:
        return topics.get_topic(topic_id)
    except NotFound:
        abort(404)


def labels() -> dict:
    return {"formats": FORMATS, "sectors": SECTOR_LABELS, "topic_statuses": TOPIC_STATUSES,
            "campaign_statuses": CAMPAIGN_STATUSES, "offer_statuses": OFFER_STATUSES,
            "show_money": money.show}


@bp.route("/")
def index():
    tab = request.args.get("tab") if request.args.get("tab") in topics.TABS else "trending"
    filters = {"sector": request.args.get("sector", "")[:20],
               "region": request.args.get("region", "")[:80],
               "format": request.args.get("format", "")[:20],
               "status": request.args.get("status", "")[:20]}
    query = topics.topic_query(sector=filters["sector"], region=filters["region"],
                               format_=filters["format"], status=filters["status"])
    if tab == "trending":
        items, page = topics.trending(query), None
    else:
        page = paginate(topics.ordered(query, tab), page=page_arg(high=10_000),
                        per_page=PER_PAGE)
        items = page.items
    return render_template("training/index.html", items=items, page=page, tab=tab,
                           tabs=topics.TABS, filters=filters, **labels())


@bp.route("/topics/new", methods=["GET", "POST"])
def new_topic():
    permissions.require_member(current_user, "Please sign in to propose a topic.")
    form = TopicForm()
    similar, status = [], 200
    if request.method == "GET":
        form.title.data = (request.args.get("title") or "")[:200]
    elif form.validate_on_submit():
        similar = topics.similar(form.title.data or "") if not form.confirmed.data else []
        if similar:
            form.confirmed.data = "1"
        else:
            outcome = attempt(lambda: topics.propose(
                current_user, topics.clean_topic(*form.values().values())), form)
            if outcome.done:
                flash("Your topic is in the register. Register your own interest below.",
                      "success")
                return redirect(url_for("training.topic", topic_id=outcome.value.id))
            status = outcome.status_or(422)
    return render_template("training/topic_form.html", form=form, similar=similar,
                           **labels()), status if status != 200 else form_status(form)


@bp.route("/topics/similar")
def similar_topics():
    text = (request.args.get("title") or "").strip()[:200]
    return jsonify({"similar": topics.similar(text) if len(text) >= 8 else []})


@bp.route("/topics/<int:topic_id>")
def topic(topic_id: int):
    found = load_topic(topic_id)
    if found.status == "duplicate" and found.duplicate_of_id:
        return redirect(url_for("training.topic", topic_id=found.duplicate_of_id), 301)
    return render_topic(found)


def _organisation_choices(user) -> list[SelectChoice]:
    return [SelectChoice("", "Myself"), *(SelectChoice(str(org.id), org.name)
                                         for org in interest.acting_for(user))]


def render_topic(found: TrainingTopic, *, interest_form=None, status_form=None,
                 duplicate_form=None, comment_form=None, code: int = 200):
    mine = interest.interest_of(current_user, found)
    if interest_form is None:
        interest_form = InterestForm(formdata=None)
        if mine is not None:
            interest_form.seats.data = str(mine.seats)
            interest_form.organisation.data = str(mine.organisation_id or "")
    interest_form.organisation.choices = _organisation_choices(current_user)
    topic_offers = offers.offers_on(found.id)
    context = {
        "topic": found, "mine": mine, "counts": interest.breakdown(found),
        "campaigns": campaigns.campaigns_of_topic(found.id),
        "offers": topic_offers,
        "trainer_profiles": trainers.profiles_of(offer.trainer_id for offer in topic_offers),
        "comments": discussion.comments_on(found, current_user),
        "comment_form": comment_form or TopicCommentForm(formdata=None),
        "hide_form": HideCommentForm(formdata=None),
        "interest_form": interest_form,
        "status_form": status_form or StatusForm(formdata=None, status=found.status),
        "duplicate_form": duplicate_form or DuplicateForm(formdata=None),
        "acting_for": interest.acting_for(current_user),
        "hosts": [org for org in interest.acting_for(current_user)
                  if permissions.may_host_campaign(current_user, org)],
        "duplicates_in": found.moved_count,
        **labels(),
    }
    context["form"] = next((form for form in (interest_form, context["status_form"],
                                              context["duplicate_form"],
                                              context["comment_form"]) if form.errors), None)
    return render_template("training/topic.html", **context), code


@bp.route("/topics/<int:topic_id>/interest", methods=["POST"])
def register_interest(topic_id: int):
    permissions.require_member(current_user, "Please sign in to register interest.")
    found = load_topic(topic_id)
    form = InterestForm()
    form.organisation.choices = _organisation_choices(current_user)
    if not form.validate_on_submit():
        abort(400)
    organisation = _organisation(form.organisation.data)
    outcome = attempt(lambda: interest.register(current_user, load_topic(topic_id),
                                                form.seats.data, organisation), form)
    if outcome.done:
        flash("Your interest is registered.", "success")
        return redirect(url_for("training.topic", topic_id=topic_id))
    return render_topic(found, interest_form=form, code=outcome.status_or(422))


def _organisation(value) -> Organisation | None:
    organisation_id = parse_int(value, low=1)
    if not value:
        return None
    from core.extensions import db

    organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
    if organisation is None:
        abort(404)
    return organisation


@bp.route("/topics/<int:topic_id>/interest/withdraw", methods=["POST"])
def withdraw_interest(topic_id: int):
    permissions.require_member(current_user)
    load_topic(topic_id)
    return act(lambda: interest.withdraw(current_user, load_topic(topic_id)),
               "Your interest is withdrawn.", url_for("training.topic", topic_id=topic_id))


@bp.route("/topics/<int:topic_id>/status", methods=["POST"])
def topic_status(topic_id: int):
    permissions.require_member(current_user)
    found = load_topic(topic_id)
    permissions.require(permissions.may_decide_topic(current_user, found),
                        "Only editors decide what becomes of a topic.")
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = attempt(lambda: topics.set_status(current_user, load_topic(topic_id),
                                                form.status.data, form.reason.data), form)
    if outcome.done:
        flash("The topic's status is changed.", "success")
        return redirect(url_for("training.topic", topic_id=topic_id))
    return render_topic(load_topic(topic_id), status_form=form, code=outcome.status_or(422))


@bp.route("/topics/<int:topic_id>/duplicate", methods=["POST"])
def mark_duplicate(topic_id: int):
    permissions.require_member(current_user)
    found = load_topic(topic_id)
    permissions.require(permissions.may_decide_topic(current_user, found),
                        "Only editors mark duplicates.")
    form = DuplicateForm()
    if not form.validate_on_submit():
        abort(400)
    original_id = parse_int(form.original.data, low=1)
    if original_id is None:
        form.original.errors = ["Give the number of the original topic."]
        return render_topic(found, duplicate_form=form, code=422)
    outcome = attempt(lambda: topics.mark_duplicate(
        current_user, load_topic(topic_id), topics.get_topic(original_id)), form)
    if outcome.done:
        flash(f"Marked as a duplicate: {outcome.value} interest moved.", "success")
        return redirect(url_for("training.topic", topic_id=original_id))
    return render_topic(load_topic(topic_id), duplicate_form=form,
                        code=outcome.status_or(422))


@bp.route("/topics/<int:topic_id>/offer", methods=["GET", "POST"])
def new_offer(topic_id: int):
    permissions.require_member(current_user, "Please sign in to make an offer.")
    found = load_topic(topic_id)
    form = OfferForm()
    form.currency.choices = [SelectChoice(code, f"{code} – {name}")
                             for code, name in money.currencies().items()]
    form.provider.choices = [SelectChoice("", "Myself"), *(
        SelectChoice(str(org.id), org.name) for org in interest.acting_for(current_user)
        if org.kind == "training")]
    campaign_id = parse_int(request.args.get("campaign"), low=1)
    campaign = None
    if campaign_id is not None:
        try:
            campaign = campaigns.get_campaign(campaign_id)
        except NotFound:
            abort(404)
    if form.validate_on_submit():
        provider = _organisation(form.provider.data)
        outcome = attempt(lambda: offers.make_offer(
            current_user, load_topic(topic_id), form.values(), provider,
            campaigns.get_campaign(campaign_id) if campaign_id else None), form)
        if outcome.done:
            flash("Your offer is sent to the host.", "success")
            return redirect(url_for("training.topic", topic_id=topic_id))
    return render_template("training/offer_form.html", form=form, topic=found,
                           campaign=campaign, **labels()), form_status(form)


@bp.route("/topics/<int:topic_id>.atom")
def topic_feed(topic_id: int):
    """The topic's news: its campaigns (opened, and how each stands), its latest comments
    and the topic."""
    found = load_topic(topic_id)
    page = url_for("training.topic", topic_id=found.id, _external=True)
    entries = [FeedEntry(
        id=url_for("training.campaign", campaign_id=c.id, _external=True),
        title=f"Campaign hosted by {c.host.name}: {CAMPAIGN_STATUSES[c.status]}",
        link=url_for("training.campaign", campaign_id=c.id, _external=True),
        updated=c.settled_at or c.tipped_at or c.created_at, published=c.created_at,
        summary=f"Deadline {c.deadline:%Y-%m-%d %H:%M} UTC; minimum {c.min_participants}.")
        for c in campaigns.campaigns_of_topic(found.id)]
    entries += [FeedEntry(
        id=f"{page}#comment-{remark.id}", title=f"Comment by {remark.author.name}",
        link=f"{page}#comment-{remark.id}", updated=remark.created_at,
        published=remark.created_at, summary=remark.body[:300], author=remark.author.name)
        for remark in discussion.comments_on(found, None)[-FEED_COMMENTS:]]
    entries.append(FeedEntry(id=page, title=found.title, link=page, updated=found.updated_at,
                             published=found.created_at,
                             summary=f"{TOPIC_STATUSES[found.status]}: "
                                     f"{found.library_count} libraries, "
                                     f"{found.seat_count} staff interested."))
    entries.sort(key=lambda entry: entry.updated, reverse=True)
    return atom_response(feed_id=url_for("training.topic_feed", topic_id=found.id,
                                         _external=True),
                         title=f"Training: {found.title}",
                         subtitle="Campaigns, comments and status",
                         self_url=url_for("training.topic_feed", topic_id=found.id,
                                          _external=True),
                         page_url=page, entries=entries, author="Commonplace")
