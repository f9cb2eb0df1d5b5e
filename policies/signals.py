"""Raise the content version stamp whenever published content or rules change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import models

WATCHED = (
    models.Region,
    models.DevelopmentGoal,
    models.KeyProject,
    models.KeyArea,
    models.SourceDocument,
    models.Agency,
    models.Contact,
    models.GuideNote,
    models.StackingGroup,
    models.Policy,
    models.Route,
    models.Criterion,
    models.SearchSynonym,
)


@receiver(post_save)
@receiver(post_delete)
def bump_on_change(sender, raw=False, **kwargs) -> None:
    if sender in WATCHED:
        models.ContentVersion.bump()


@receiver(m2m_changed, sender=models.Policy.contacts.through)
def bump_on_contacts_change(**kwargs) -> None:
    models.ContentVersion.bump()
