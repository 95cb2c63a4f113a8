# --as-of before the last day stops there; later days are left for the next run
mapstate -c testdata/state/contracts.tsv --as-of 2026-04-03 testdata/state/month.tsv | tests/cols as_of,entity,state,reason,eligible_cost,accruing_cost,at_risk_cost,daily_cost,eligible_days,first_seen,last_seen | head -6
