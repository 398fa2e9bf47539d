"""Feedback on a care coordinator from patients, carers, staff and key people: requests carried by
single-use links and QR codes, forms that need no account and keep no identifier, paper forms
typed in and countersigned, and the summary the learner and their facilitator read (ADR 8)."""
