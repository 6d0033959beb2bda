"""Campaigns on the web: opening one, its page (price now, with a few more seats, seats
needed, deadline), pledging and withdrawing, the host's actions, offers, its JSON and the
host's CSV; and an umbrella body's report (/orgs/<slug>/training)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectChoice

from core import permissions
from core.edge import act, attempt, form_status
from core.errors import NotFound
from core.extensions import db
from core.numbers import parse_int
from core.timeutil import iso
from orgs.models import Organisation
from training import bp, campaigns, interest, money, offers, pledges, reports
from training.forms import (
    ButtonForm,
    CampaignForm,
    ExtendForm,
    PledgeForm,
    ReasonForm,
    ScheduleForm,
)
from training.models import TrainingCampaign
from training.views_topics import _organisation, labels, load_topic

reports_bp = Blueprint("training_reports", __name__, url_prefix="/orgs")


def load_campaign(campaign_id: int) -> TrainingCampaign:
    try:
        return campaigns.get_campaign(campaign_id)
    except NotFound:
        abort(404)


def _campaign_choices(form: CampaignForm, topic) -> None:
    hosts = [org for org in (interest.acting_for(current_user) if not
                             permissions.is_editor(current_user) else
                             db.session.scalars(db.select(Organisation).where(
                                 Organisation.status == "active",
                                 Organisation.kind.in_(permissions.HOSTING_KINDS))
                                 .order_by(Organisation.name).limit(500)))
             if permissions.may_host_campaign(current_user, org)]
    form.host.choices = [SelectChoice(str(org.id), org.name) for org in hosts]
    form.offer.choices = [SelectChoice("", "None: the host's own estimate"), *(
        SelectChoice(str(offer.id), f"{offer.trainer.name}: "
                                    f"{money.show(offer.fixed_fee, offer.currency)} + "
                                    f"{money.show(offer.per_head_fee, offer.currency)} a head")
        for offer in offers.offers_on(topic.id) if offer.status in ("made", "shortlisted"))]
    form.currency.choices = [SelectChoice(code, f"{code} – {name}")
                             for code, name in money.currencies().items()]
    form.timezone.choices = [SelectChoice(zone, zone) for zone in campaigns.timezones()]


@bp.route("/topics/<int:topic_id>/campaigns/new", methods=["GET", "POST"])
def new_campaign(topic_id: int):
    permissions.require_member(current_user, "Please sign in to open a campaign.")
    topic = load_topic(topic_id)
    form = CampaignForm()
    _campaign_choices(form, topic)
    if not form.host.choices:
        permissions.require(False, "Only organisation admins and editors open campaigns.")
    if not form.is_submitted():
        form.timezone.data, form.currency.data = "Europe/London", "GBP"
        form.region.data = topic.region
    elif form.validate_on_submit():
        def work():
            host = _organisation(form.host.data) or abort(404)
            offer_id = parse_int(form.offer.data, low=1)
            offer = offers.get_offer(offer_id) if offer_id else None
            values = form.values()
            if offer is not None:  # the offer's cost, where the host typed none
                values["currency"] = values["currency"] if values["fixed_fee"] else \
                    offer.currency
                for name in ("fixed_fee", "per_head_fee"):
                    values[name] = values[name] or money.plain(getattr(offer, name),
                                                               offer.currency)
            details = campaigns.clean_campaign(values)
            return campaigns.open_campaign(current_user, load_topic(topic_id), host,
                                           details, offer)
        outcome = attempt(work, form)
        if outcome.done:
            flash("The campaign is open: the topic's interested members are told.",
                  "success")
            return redirect(url_for("training.campaign", campaign_id=outcome.value.id))
    return render_template("training/campaign_form.html", form=form, topic=topic,
                           **labels()), form_status(form)


def _pledge_form(campaign, user) -> PledgeForm:
    form = PledgeForm(formdata=None)
    form.organisation.choices = [SelectChoice(str(org.id), org.name)
                                 for org in interest.acting_for(user)]
    return form


@bp.route("/campaigns/<int:campaign_id>")
def campaign(campaign_id: int):
    return render_campaign(load_campaign(campaign_id))


def render_campaign(found: TrainingCampaign, *, pledge_form=None, reason_form=None,
                    extend_form=None, schedule_form=None, code: int = 200):
    state = campaigns.state_of(found)
    rows = pledges.pledges_of(found.id)
    mine_orgs = {org.id for org in interest.acting_for(current_user)}
    if pledge_form is None:
        pledge_form = _pledge_form(found, current_user)
    else:
        pledge_form.organisation.choices = _pledge_form(found, current_user).organisation.choices
    manage = permissions.may_manage_campaign(current_user, found) \
        if permissions.is_member(current_user) else False
    context = {
        "campaign": found, "state": state, "pledges": rows, "mine_orgs": mine_orgs,
        "counted": set(state.tally.counted), "manage": manage,
        "local_deadline": campaigns.local_deadline(found),
        "pledge_form": pledge_form, "reason_form": reason_form or ReasonForm(formdata=None),
        "extend_form": extend_form or ExtendForm(formdata=None),
        "schedule_form": schedule_form or ScheduleForm(formdata=None),
        "button_form": ButtonForm(formdata=None),
        "offers": [offer for offer in offers.offers_on(found.topic_id)
                   if offer.campaign_id in (None, found.id)] if manage else [],
        "history": pledges.histories([row.id for row in rows
                                      if row.organisation_id in mine_orgs or manage]),
        "plain": money.plain,
        **labels(),
    }
    context["form"] = next((form for form in (
        pledge_form, context["reason_form"], context["extend_form"],
        context["schedule_form"]) if form.errors), None)
    return render_template("training/campaign.html", **context), code


@bp.route("/campaigns/<int:campaign_id>.json")
def campaign_json(campaign_id: int):
    found = load_campaign(campaign_id)
    state = campaigns.state_of(found)
    return jsonify({
        "id": found.id, "topic": found.topic.title,
        "topic_url": url_for("training.topic", topic_id=found.topic_id, _external=True),
        "host": found.host.slug, "status": state.status, "tipped": state.tipped,
        "counted_seats": state.tally.seats, "seats_needed": state.seats_needed,
        "min_participants": found.min_participants,
        "max_participants": found.max_participants,
        "price_per_head": state.tally.price, "next_seat_price": state.price_now,
        "pooled": state.tally.pooled, "target": found.target, "currency": found.currency,
        "fixed_fee": found.fixed_fee, "per_head_fee": found.per_head_fee,
        "deadline": iso(found.deadline), "timezone": found.timezone,
        "extended": found.extended,
    })


@bp.route("/campaigns/<int:campaign_id>/pledge", methods=["POST"])
def pledge(campaign_id: int):
    permissions.require_member(current_user, "Please sign in to pledge.")
    found = load_campaign(campaign_id)
    form = PledgeForm()
    form.organisation.choices = _pledge_form(found, current_user).organisation.choices
    if not form.validate_on_submit():
        abort(400)
    organisation = _organisation(form.organisation.data) or abort(404)
    outcome = attempt(lambda: pledges.pledge(current_user, campaign_id, organisation,
                                             form.seats.data, form.max_price.data), form)
    if outcome.done:
        flash(f"{organisation.name}'s pledge is recorded. It is a commitment to send "
              "these staff and pay the final price per head, if the campaign goes ahead.",
              "success")
        return redirect(url_for("training.campaign", campaign_id=campaign_id))
    return render_campaign(load_campaign(campaign_id), pledge_form=form,
                           code=outcome.status_or(422))


@bp.route("/campaigns/<int:campaign_id>/pledges/<int:pledge_id>/withdraw", methods=["POST"])
def withdraw(campaign_id: int, pledge_id: int):
    permissions.require_member(current_user)
    load_campaign(campaign_id)
    back = url_for("training.campaign", campaign_id=campaign_id)
    if _button():
        return act(lambda: pledges.withdraw(current_user, pledge_id),
                   "The pledge is withdrawn.", back, denied=back)
    abort(400)


def _button() -> bool:
    return ButtonForm().validate_on_submit()


def _host_form(campaign_id: int, form, form_name: str, work, done: str, *,
               only_csrf: bool = False):
    """A host's form on the campaign page (cancel, extend, schedule): a bad token (or, unless
    `only_csrf`, any field the form itself refuses) is a 400; the service says the rest, and
    the page is shown again with the form and its errors."""
    permissions.require_member(current_user)
    load_campaign(campaign_id)
    if not form.validate_on_submit() and (form.csrf_token.errors or not only_csrf):
        abort(400)
    outcome = attempt(lambda: work(form), form)
    if outcome.done:
        flash(done, "success")
        return redirect(url_for("training.campaign", campaign_id=campaign_id))
    return render_campaign(load_campaign(campaign_id), **{form_name: form},
                           code=outcome.status_or(422))


@bp.route("/campaigns/<int:campaign_id>/cancel", methods=["POST"])
def cancel(campaign_id: int):
    return _host_form(campaign_id, ReasonForm(), "reason_form", lambda form: campaigns.cancel(
        current_user, campaign_id, form.reason.data),
        "The campaign is cancelled and its pledgers are told.")


@bp.route("/campaigns/<int:campaign_id>/extend", methods=["POST"])
def extend(campaign_id: int):
    return _host_form(campaign_id, ExtendForm(), "extend_form", lambda form: campaigns.extend(
        current_user, campaign_id, form.deadline.data),
        "The deadline is extended and the pledgers are told.", only_csrf=True)


@bp.route("/campaigns/<int:campaign_id>/schedule", methods=["POST"])
def schedule(campaign_id: int):
    return _host_form(campaign_id, ScheduleForm(), "schedule_form",
                      lambda form: campaigns.schedule(current_user, campaign_id,
                                                      form.schedule.data),
                      "The campaign is scheduled and the pledgers are told.")


@bp.route("/campaigns/<int:campaign_id>/deliver", methods=["POST"])
def deliver(campaign_id: int):
    permissions.require_member(current_user)
    load_campaign(campaign_id)
    back = url_for("training.campaign", campaign_id=campaign_id)
    if not _button():
        abort(400)
    return act(lambda: campaigns.deliver(current_user, campaign_id),
               "The campaign is marked delivered.", back, denied=back)


@bp.route("/campaigns/<int:campaign_id>/article", methods=["POST"])
def practice_article(campaign_id: int):
    permissions.require_member(current_user)
    load_campaign(campaign_id)
    back = url_for("training.campaign", campaign_id=campaign_id)
    if not _button():
        abort(400)
    outcome = attempt(lambda: campaigns.practice_article(current_user, campaign_id),
                      denied=back)
    if outcome.done:
        flash("The practice article is started: write what was learnt.", "success")
        return redirect(url_for("wiki.edit", slug=outcome.value))
    return redirect(back)


@bp.route("/campaigns/<int:campaign_id>/offers/<int:offer_id>/<any(shortlist, accept):action>",
          methods=["POST"])
def answer_offer(campaign_id: int, offer_id: int, action: str):
    permissions.require_member(current_user)
    load_campaign(campaign_id)
    back = url_for("training.campaign", campaign_id=campaign_id)
    if not _button():
        abort(400)
    service = offers.accept if action == "accept" else offers.shortlist
    return act(lambda: service(current_user, offers.get_offer(offer_id),
                               campaigns.locked(campaign_id)),
               "The offer is accepted; the other trainers are told." if action == "accept"
               else "The offer is shortlisted.", back, denied=back)


@bp.route("/campaigns/<int:campaign_id>.csv")
def campaign_csv(campaign_id: int):
    """The confirmed campaign's pledging organisations, seats, contacts and price, for the
    host to invoice."""
    permissions.require_member(current_user)
    found = load_campaign(campaign_id)
    permissions.require(permissions.may_manage_campaign(current_user, found),
                        "Only the host's admins and editors download the pledges.")
    if found.status not in ("confirmed", "scheduled", "delivered"):
        flash("The list for invoicing is ready once the campaign is confirmed.", "info")
        return redirect(url_for("training.campaign", campaign_id=campaign_id))
    return Response(reports.campaign_csv(found), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="training-campaign-{found.id}.csv"'})


@reports_bp.route("/<slug>/training")
def org_report(slug: str):
    found = _report_org(slug)
    return render_template("training/report.html", organisation=found,
                           report=reports.demand(found), **labels())


@reports_bp.route("/<slug>/training.csv")
def org_report_csv(slug: str):
    found = _report_org(slug)
    return Response(reports.demand_csv(found), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{found.slug}-training.csv"'})


def _report_org(slug: str) -> Organisation:
    permissions.require_member(current_user)
    found = db.session.scalar(db.select(Organisation).where(Organisation.slug == slug))
    if found is None:
        abort(404)
    permissions.require(permissions.may_see_training_report(current_user, found),
                        "Only the admins of a consortium or umbrella body (and editors) see "
                        "its members' demand.")
    return found
