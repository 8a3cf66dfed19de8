"""What campaign grouping stores: a MinHash signature per case, its LSH buckets, and groups.

Nothing here is a word of a report. A signature is 128 minima of public affine hashes of the
case's blind-index tokens (keyed HMACs, `privacy.blind_index`); a bucket is a hash of four of
those minima. Without the blind-index key neither can be tied to a word (SECURITY.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignGroup(models.Model):
    """Cases of one district whose narratives are near-identical (a copy-pasted campaign)."""

    district = models.ForeignKey("cases.District", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group of similar reports")
        verbose_name_plural = _("groups of similar reports")

    def __str__(self) -> str:
        return _("Group %(number)s") % {"number": self.pk}


class CaseSignature(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    district = models.ForeignKey("cases.District", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveSmallIntegerField()
    signature = models.BinaryField()
    group = models.ForeignKey(
        CampaignGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )

    def __str__(self) -> str:
        return str(self.case_id)


class SignatureBucket(models.Model):
    """One LSH band of a case's signature: cases sharing a bucket are candidates, found with
    one index lookup on (district, bucket)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("cases.District", on_delete=models.CASCADE, related_name="+")
    bucket = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["district", "bucket"], name="campaign_bucket_lookup"),
            models.Index(fields=["case"], name="campaign_bucket_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.bucket}"
