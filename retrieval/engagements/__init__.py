"""India's engagements with a partner found in articles (calls, visits...), their store, briefs."""
