"""Reports: a confirmed campaign's CSV for the host's invoices, and an umbrella body's
(or consortium's) register of its members' demand, on the page and as CSV."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.extensions import db
from orgs import consortia
from orgs.models import Organisation
from training import money
from training.models import TrainingCampaign, TrainingInterest, TrainingPledge, TrainingTopic


def cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    value = "" if value is None else str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def campaign_csv(campaign: TrainingCampaign) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["organisation", "isil", "seats", "price_per_head", "amount", "currency",
                     "contact_name", "contact_email", "status"])
    rows = db.session.scalars(select(TrainingPledge).where(
        TrainingPledge.campaign_id == campaign.id, TrainingPledge.status == "confirmed")
        .options(joinedload(TrainingPledge.organisation), joinedload(TrainingPledge.user))
        .order_by(TrainingPledge.created_at))
    for pledge in rows:
        price = pledge.price or 0
        writer.writerow([cell(pledge.organisation.name), cell(pledge.organisation.isil),
                         pledge.seats, money.plain(price, campaign.currency),
                         money.plain(price * pledge.seats, campaign.currency),
                         campaign.currency, cell(pledge.user.name if pledge.user else ""),
                         cell(pledge.user.email if pledge.user else ""), pledge.status])
    return out.getvalue()


def members(organisation: Organisation) -> list[Organisation]:
    """The body itself and its current member organisations."""
    return [organisation, *(row.member for row in consortia.members_of(organisation))]


def demand(organisation: Organisation) -> dict:
    """Topics the body's members are interested in (each organisation once, with its
    largest number of seats), and the campaigns the body and its members host."""
    orgs = {org.id: org for org in members(organisation)}
    rows = db.session.scalars(select(TrainingInterest).where(
        TrainingInterest.organisation_id.in_(orgs)).options(
        joinedload(TrainingInterest.organisation)))
    seats: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        per_org = seats[row.topic_id]
        per_org[row.organisation_id] = max(per_org.get(row.organisation_id, 0), row.seats)
    topics = {topic.id: topic for topic in db.session.scalars(select(TrainingTopic).where(
        TrainingTopic.id.in_(seats)))} if seats else {}
    lines = sorted(({"topic": topics[topic_id], "libraries": len(per_org),
                     "seats": sum(per_org.values()),
                     "organisations": sorted(orgs[org_id].name for org_id in per_org)}
                    for topic_id, per_org in seats.items() if topic_id in topics),
                   key=lambda line: (-line["seats"], line["topic"].title))
    hosted = list(db.session.scalars(select(TrainingCampaign).where(
        TrainingCampaign.host_id.in_(orgs)).options(joinedload(TrainingCampaign.topic),
                                                    joinedload(TrainingCampaign.host))
        .order_by(TrainingCampaign.created_at.desc())))
    return {"lines": lines, "campaigns": hosted, "members": len(orgs) - 1}


def demand_csv(organisation: Organisation) -> str:
    report = demand(organisation)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["topic_id", "topic", "status", "libraries", "seats", "organisations"])
    for line in report["lines"]:
        writer.writerow([line["topic"].id, cell(line["topic"].title), line["topic"].status,
                         line["libraries"], line["seats"],
                         cell("; ".join(line["organisations"]))])
    writer.writerow([])
    writer.writerow(["campaign_id", "topic", "host", "status", "deadline"])
    for campaign in report["campaigns"]:
        writer.writerow([campaign.id, cell(campaign.topic.title), cell(campaign.host.name),
                         campaign.status, campaign.deadline.isoformat()])
    return out.getvalue()
