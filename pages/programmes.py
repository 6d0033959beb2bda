"""The home page's "In the community" box: the next community chat (or the one live now)
and the training topics most wanted by libraries. Two bounded queries, whatever the number
of chats or topics."""

from __future__ import annotations

from sqlalchemy import select

from chats import scheduling
from chats.models import LIVE, Chat
from core.extensions import db
from training import topics
from training.models import TrainingTopic

WANTED = 3


def coming_up() -> dict:
    moment = scheduling.now()
    chat = db.session.scalar(select(Chat).where(Chat.ends_at > moment,
                                                Chat.closed_at.is_(None),
                                                Chat.import_key.is_(None))
                             .order_by(Chat.starts_at, Chat.id).limit(1))
    wanted = db.session.scalars(topics.ordered(
        topics.topic_query().where(TrainingTopic.status.in_(("open", "planned"))), "wanted")
        .limit(WANTED)).all()
    return {"next_chat": chat, "next_chat_live": chat is not None
            and chat.status(moment) == LIVE,
            "next_chat_when": scheduling.when(chat) if chat is not None else "",
            "wanted_topics": wanted}
