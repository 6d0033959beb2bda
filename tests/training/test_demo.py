"""`flask demo load` gives a training register with topics at every status and an open
campaign one library short of tipping."""

from sqlalchemy import select

from core.extensions import db
from orgs.models import Organisation
from training import campaigns, pledges
from training.models import TrainingCampaign, TrainingTopic


def test_demo_register_has_every_status_and_a_campaign_about_to_tip(app, client, demo):
    statuses = {topic.status for topic in db.session.scalars(select(TrainingTopic))}
    assert statuses == {"open", "planned", "funded", "delivered", "declined", "duplicate"}
    live = db.session.scalar(select(TrainingCampaign).where(TrainingCampaign.status == "open"))
    state = campaigns.state_of(live)
    assert state.seats_needed == 2 and not state.tipped
    page = client.get(f"/training/campaigns/{live.id}").get_data(as_text=True)
    assert "2 more" in page
    # Eastgate's two seats tip it.
    from core import accounts

    eastgate = next(org for org in db.session.scalars(select(Organisation))
                    if org.name.startswith("Eastgate"))
    pledges.pledge(accounts.get_by_username("tom.chen"), live.id, eastgate, "2", "250")
    db.session.commit()
    assert campaigns.get_campaign(live.id).status == "tipped"
    assert client.get("/training/?tab=wanted").status_code == 200
