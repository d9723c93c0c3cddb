"""schema.org ClaimReview (JSON-LD) for one claim annotation, in the shape Google documents for
fact-check markup: one ClaimReview per claim page.

Verdicts with a number on the scale (accurate 5 … inaccurate 1) give a numeric ``Rating`` with
``bestRating`` 5 and ``worstRating`` 1; ``unsupported`` and ``opinion`` have no place on that
scale and give the textual rating (``alternateName``) only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Annotation

SCHEMA_CONTEXT = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1


@dataclass(frozen=True)
class ReviewUrls:
    """Where things are published: absolute URLs when the site URL is known, else URLs
    relative to the claim page (JSON-LD resolves them against the page's address)."""

    review: str  # the claim's own page
    appearance: str  # the essay paragraph that makes the claim


def rating(annotation: Annotation) -> dict:
    value = annotation.rating_value
    result: dict = {"@type": "Rating"}
    if value is not None:
        result.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    result["alternateName"] = annotation.verdict_label
    return result


def claim_review(annotation: Annotation, urls: ReviewUrls, publisher: str,
                 essay_title: str | None = None) -> dict:
    """One ClaimReview for a ``kind: claim`` annotation, reviewed by the organisation
    ``publisher``; ``essay_title`` names the work the claim appears in."""
    if annotation.kind != "claim" or not annotation.verdict or not annotation.claim:
        raise ValueError(f"{annotation.path}: only claims with a verdict have a ClaimReview")
    appearance: dict = {"@type": "CreativeWork", "url": urls.appearance}
    if essay_title:
        appearance["headline"] = essay_title
    review = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": urls.review,
        "claimReviewed": annotation.claim,
        "itemReviewed": {"@type": "Claim", "appearance": appearance},
        "author": {"@type": "Organization", "name": publisher},
        "datePublished": annotation.created,
        "reviewRating": rating(annotation),
    }
    if annotation.last_changed != annotation.created:
        review["dateModified"] = annotation.last_changed  # follows updates and corrections
    return review
