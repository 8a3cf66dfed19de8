"""Keeping signatures and groups in step with the cases, from the stored blind-index tokens.

`refresh_case_signatures` is what the outbox job runs after every `CASE_CHANGED` (and what the
group actions call at once, so the screen is right on the next page): for each case it reads
its reports' `text_tokens` (never the encrypted text), and when the signature changed it
rewrites the signature and buckets, looks up the candidates sharing a bucket in the same
district (an index lookup), keeps those whose estimated Jaccard similarity reaches
`minhash.THRESHOLD`, and joins their group (merging groups the case links). A case with no
report left (merged away) or gone (purged) leaves its group; a group left with fewer than two
cases is dissolved, and one whose remaining cases no longer link is split.

Groups never cross districts: candidates are looked up within the case's district. Each run
locks the district row first, so two jobs of one district group one after the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from campaigns import minhash
from campaigns.models import CampaignGroup, CaseSignature, SignatureBucket
from cases.models import Case, District, Report

Progress = Callable[[int, int], None]


def _case_tokens(case_ids: list) -> dict:
    tokens: dict = {pk: set() for pk in case_ids}
    for case_id, values in Report.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "text_tokens"
    ):
        tokens[case_id].update(values)
    return tokens


def refresh_case_signatures(*, case_ids: Iterable) -> None:
    """Re-sign these cases and regroup the ones whose signature changed."""
    for case_id in {str(pk) for pk in case_ids}:
        _refresh_one(case_id)


@transaction.atomic
def _refresh_one(case_id: str) -> None:
    case = Case.objects.filter(pk=case_id).only("pk", "district_id").first()
    stored = CaseSignature.objects.filter(case_id=case_id).first()
    district_id = case.district_id if case else (stored.district_id if stored else None)
    if district_id is None:
        return
    # Serialise grouping within the district: two near-identical reports signed at once
    # must end in one group, not two.
    District.objects.select_for_update().filter(pk=district_id).first()
    sig = minhash.signature(_case_tokens([case.pk])[case.pk]) if case else None
    if sig is None:
        if stored is not None:
            _leave(stored)
        return
    packed = minhash.pack(sig)
    if (
        stored is not None
        and bytes(stored.signature) == packed
        and stored.district_id == district_id
        and stored.version == minhash.SIGNATURE_VERSION
    ):
        return  # the usual CASE_CHANGED: a status or an assignee, not the narrative
    old_group = stored.group_id if stored else None
    stored, _ = CaseSignature.objects.update_or_create(
        case_id=case.pk,
        defaults={
            "district_id": district_id,
            "signature": packed,
            "version": minhash.SIGNATURE_VERSION,
        },
    )
    buckets = minhash.buckets(sig)
    SignatureBucket.objects.filter(case_id=case.pk).delete()
    SignatureBucket.objects.bulk_create(
        SignatureBucket(case_id=case.pk, district_id=district_id, bucket=b) for b in buckets
    )
    matches = _matches(case_id=case.pk, district_id=district_id, sig=sig, buckets=buckets)
    _join(stored, matches)
    if old_group:
        _tidy(old_group)  # the case's new narrative may no longer link its old group


def _matches(*, case_id, district_id: int, sig, buckets: list[int]) -> list[CaseSignature]:
    candidates = (
        SignatureBucket.objects.filter(district_id=district_id, bucket__in=buckets)
        .exclude(case_id=case_id)
        .values("case_id")
    )
    return [
        other
        for other in CaseSignature.objects.filter(case_id__in=candidates, district_id=district_id)
        if minhash.is_similar(sig, minhash.unpack(other.signature))
    ]


def _join(stored: CaseSignature, matches: list[CaseSignature]) -> int | None:
    """Put the case in one group with its matches (and everyone in their groups)."""
    if not matches:
        if stored.group_id is not None:
            CaseSignature.objects.filter(pk=stored.pk).update(group=None)
        return None
    groups = {m.group_id for m in matches if m.group_id is not None}
    if stored.group_id is not None and stored.group_id in groups:
        target = stored.group_id
    elif groups:
        target = min(groups)
    else:
        target = CampaignGroup.objects.create(district_id=stored.district_id).pk
    CaseSignature.objects.filter(group_id__in=groups - {target}).update(group_id=target)
    CaseSignature.objects.filter(
        case_id__in=[stored.case_id, *(m.case_id for m in matches)]
    ).update(group_id=target)
    CampaignGroup.objects.filter(pk__in=groups - {target}).delete()
    return target


def _leave(stored: CaseSignature) -> None:
    group_id = stored.group_id
    stored.delete()  # its buckets go with it (same case)
    SignatureBucket.objects.filter(case_id=stored.case_id).delete()
    if group_id:
        _tidy(group_id)


def _tidy(group_id: int) -> None:
    """Split a group whose cases no longer all link, and dissolve what is left alone: the
    largest linked part keeps the group, other parts of two or more get a new group."""
    members = list(CaseSignature.objects.filter(group_id=group_id))
    parts = _linked_parts(members)
    parts.sort(key=len, reverse=True)
    for index, part in enumerate(parts):
        ids = [m.case_id for m in part]
        if len(part) < 2:
            CaseSignature.objects.filter(case_id__in=ids).update(group=None)
        elif index > 0:
            group = CampaignGroup.objects.create(district_id=part[0].district_id)
            CaseSignature.objects.filter(case_id__in=ids).update(group=group)
    if not parts or len(parts[0]) < 2:
        CampaignGroup.objects.filter(pk=group_id).delete()


class _Links:
    """Union-find over case ids: linked cases end in one part (single linkage)."""

    def __init__(self):
        self.parent: dict = {}

    def root(self, item):
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def link(self, a, b) -> None:
        self.parent[self.root(a)] = self.root(b)

    def parts(self) -> list[list]:
        found: dict = {}
        for item in list(self.parent):
            found.setdefault(self.root(item), []).append(item)
        return list(found.values())


def _linked_parts(members: list[CaseSignature]) -> list[list[CaseSignature]]:
    sigs = [minhash.unpack(m.signature) for m in members]
    links = _Links()
    for i in range(len(members)):
        links.root(i)
        for j in range(i + 1, len(members)):
            if links.root(i) != links.root(j) and minhash.is_similar(sigs[i], sigs[j]):
                links.link(i, j)
    return [[members[i] for i in part] for part in links.parts()]


def sign_case_job(payload: dict) -> None:
    refresh_case_signatures(case_ids=[payload["case"]])


def forget_purged_case_job(payload: dict) -> None:
    """The purge deleted the case, and its signature and buckets with it (cascade): the groups
    of its district that are now too small are dissolved."""
    with transaction.atomic():
        for group in CampaignGroup.objects.filter(district_id=payload["district"]):
            _tidy(group.pk)


def rebuild_signatures(*, progress: Progress | None = None, chunk_size: int = 1000) -> int:
    """Sign every case from scratch and group them (after a restore, or for cases written in
    bulk without outbox jobs: the demo's history, the benchmark corpus)."""
    with transaction.atomic():
        SignatureBucket.objects.all().delete()
        CaseSignature.objects.all().delete()
        CampaignGroup.objects.all().delete()
        total = Case.objects.count()
        done, last_pk = 0, None
        while True:
            chunk_qs = Case.objects.order_by("pk").values_list("pk", "district_id")
            if last_pk is not None:
                chunk_qs = chunk_qs.filter(pk__gt=last_pk)
            chunk = list(chunk_qs[:chunk_size])
            if not chunk:
                break
            _sign_chunk(chunk)
            done += len(chunk)
            last_pk = chunk[-1][0]
            if progress:
                progress(done, total)
        regroup_all()
    return done


def _sign_chunk(chunk: list[tuple]) -> None:
    tokens = _case_tokens([pk for pk, _ in chunk])
    signatures, buckets = [], []
    for pk, district_id in chunk:
        sig = minhash.signature(tokens[pk])
        if sig is None:
            continue
        signatures.append(
            CaseSignature(
                case_id=pk,
                district_id=district_id,
                signature=minhash.pack(sig),
                version=minhash.SIGNATURE_VERSION,
            )
        )
        buckets.extend(
            SignatureBucket(case_id=pk, district_id=district_id, bucket=b)
            for b in minhash.buckets(sig)
        )
    CaseSignature.objects.bulk_create(signatures)
    SignatureBucket.objects.bulk_create(buckets, batch_size=5000)


@transaction.atomic
def regroup_all(*, threshold: float = minhash.THRESHOLD) -> None:
    """Group every signed case again: each pair sharing a bucket is compared once, linked
    cases form one group. (`threshold` other than the stated one: the benchmark only.)"""
    CaseSignature.objects.update(group=None)
    CampaignGroup.objects.all().delete()
    for district_id in CaseSignature.objects.values_list("district_id", flat=True).distinct():
        sigs = {
            pk: minhash.unpack(data)
            for pk, data in CaseSignature.objects.filter(district_id=district_id).values_list(
                "case_id", "signature"
            )
        }
        by_bucket: dict[int, list] = {}
        for case_id, bucket in SignatureBucket.objects.filter(district_id=district_id).values_list(
            "case_id", "bucket"
        ):
            by_bucket.setdefault(bucket, []).append(case_id)
        links, compared = _Links(), set()
        for members in by_bucket.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair = (a, b) if str(a) < str(b) else (b, a)
                    if pair in compared or links.root(a) == links.root(b):
                        continue
                    compared.add(pair)
                    if minhash.is_similar(sigs[a], sigs[b], threshold):
                        links.link(a, b)
        for part in links.parts():
            if len(part) >= 2:
                group = CampaignGroup.objects.create(district_id=district_id)
                CaseSignature.objects.filter(case_id__in=part).update(group=group)
