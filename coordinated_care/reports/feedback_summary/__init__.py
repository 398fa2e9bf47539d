"""The patient feedback summary signed by the facilitator and the care coordinator (issue 12, item 9)."""
