#!/usr/bin/env python3
"""Generate the demo-account fixtures used by `ncp-usage init --demo`.

Writes, relative to the repository root:

  fixtures/demo/contracts.csv   contract_no,service,region,plan,price,unit,start_date,end_date
  fixtures/demo/usage.csv       contract_no,date,quantity   (metered contracts only, one row a day)

The output is deterministic (random.Random(20240101), no clock reads), so rerunning it
reproduces the committed files byte for byte. Rerun from the repository root with:

    python3 scripts/make-demo-fixtures.py

Python 3 standard library only.

Notes on the data:
  * The account is active from 2023-06-01; usage is generated up to USAGE_END (2024-06-30).
  * Monthly contracts carry whole won per month (prorated by day by the tool, SPEC H3).
  * Metered contracts carry won per unit; a usage row is one day's quantity, so the tool
    charges quantity x price per day.  For `GB-month` (stored data) the daily quantity is the
    GB stored that day divided by the days in that month, so a month's rows add up to the
    average GB stored over the month.
  * The hourly dev server (KR-SVR-1006) runs on business days only (weekdays that are not in
    fixtures/holidays/kr-2023-2027.csv); days it did not run have no row.
  * Contract KR-SVR-1003 (Server, KR, monthly 60000, from 2024-02-10, open-ended) is a figure
    the integration tests rely on: do not change it.
"""

import csv
import datetime as dt
import os
import random
from decimal import ROUND_HALF_UP, Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_DIR = os.path.join(ROOT, "fixtures", "demo")
HOLIDAYS_CSV = os.path.join(ROOT, "fixtures", "holidays", "kr-2023-2027.csv")

USAGE_END = dt.date(2024, 6, 30)
SEED = 20240101

# contract_no, service, region, plan, price, unit, start_date, end_date ("" = open-ended),
# usage profile (metered only; see PROFILES below)
CONTRACTS = [
    # ---- KR -----------------------------------------------------------------------------
    ("KR-SVR-1001", "Server", "KR", "monthly", "120000", "month", "2023-06-01", "", None),
    ("KR-SVR-1002", "Server", "KR", "monthly", "85000", "month", "2023-06-01", "2023-11-17", None),
    ("KR-SVR-1003", "Server", "KR", "monthly", "60000", "month", "2024-02-10", "", None),
    ("KR-SVR-1004", "Server", "KR", "monthly", "210000", "month", "2023-09-15", "2024-03-31", None),
    ("KR-SVR-1005", "Server", "KR", "monthly", "45000", "month", "2024-04-08", "2024-04-23", None),
    ("KR-SVR-1006", "Server", "KR", "metered", "110", "hour", "2023-12-04", "2024-05-15", "dev_hours"),
    ("KR-BLK-2001", "Block Storage", "KR", "monthly", "10000", "month", "2023-06-01", "", None),
    ("KR-BLK-2002", "Block Storage", "KR", "monthly", "6000", "month", "2023-06-01", "2023-11-17", None),
    ("KR-BLK-2003", "Block Storage", "KR", "monthly", "15000", "month", "2024-02-10", "", None),
    ("KR-OBJ-3001", "Object Storage", "KR", "metered", "28", "GB-month", "2023-06-01", "", "storage_kr"),
    ("KR-OBJ-3002", "Object Storage", "KR", "metered", "4.5", "request-10k", "2023-06-01", "", "requests_obj"),
    ("KR-LB-4001", "Load Balancer", "KR", "metered", "18", "hour", "2023-07-03", "", "always_on"),
    ("KR-LB-4002", "Load Balancer", "KR", "monthly", "22000", "month", "2023-06-01", "2024-01-12", None),
    ("KR-IP-5001", "Public IP", "KR", "monthly", "4000", "month", "2023-06-01", "", None),
    ("KR-IP-5002", "Public IP", "KR", "monthly", "4000", "month", "2024-02-10", "", None),
    ("KR-IP-5003", "Public IP", "KR", "metered", "5.5", "IP-hour", "2023-10-05", "2024-02-20", "always_on"),
    ("KR-DB-6001", "Cloud DB for MySQL", "KR", "monthly", "128000", "month", "2023-06-01", "", None),
    ("KR-DB-6002", "Cloud DB for MySQL", "KR", "monthly", "245000", "month", "2024-03-18", "", None),
    ("KR-CDN-7001", "CDN+", "KR", "metered", "90", "GB", "2023-06-01", "", "cdn_kr"),
    ("KR-CDN-7002", "CDN+", "KR", "metered", "90", "GB", "2023-12-08", "2023-12-26", "cdn_event"),
    ("KR-NAS-8001", "NAS", "KR", "monthly", "16000", "month", "2023-08-01", "", None),
    ("KR-FN-9001", "Cloud Functions", "KR", "metered", "2.8", "request-10k", "2023-08-21", "", "requests_fn"),
    ("KR-DNS-9101", "Global DNS", "KR", "metered", "0.5", "request-10k", "2023-06-01", "", "requests_dns"),
    # ---- SGN ----------------------------------------------------------------------------
    ("SGN-SVR-1101", "Server", "SGN", "monthly", "95000", "month", "2023-06-01", "", None),
    ("SGN-BLK-2101", "Block Storage", "SGN", "monthly", "8000", "month", "2023-06-01", "", None),
    ("SGN-IP-5101", "Public IP", "SGN", "monthly", "4400", "month", "2023-06-01", "", None),
    ("SGN-CDN-7101", "CDN+", "SGN", "metered", "110", "GB", "2023-09-11", "2024-05-20", "cdn_sgn"),
    ("SGN-LB-4101", "Load Balancer", "SGN", "metered", "20", "hour", "2023-11-20", "", "always_on"),
    ("SGN-OBJ-3101", "Object Storage", "SGN", "metered", "30", "GB-month", "2024-01-15", "", "storage_sgn"),
    # ---- JPN ----------------------------------------------------------------------------
    ("JPN-SVR-1201", "Server", "JPN", "monthly", "105000", "month", "2023-07-01", "", None),
    ("JPN-BLK-2201", "Block Storage", "JPN", "monthly", "9000", "month", "2023-07-01", "", None),
    ("JPN-IP-5201", "Public IP", "JPN", "monthly", "4400", "month", "2023-07-01", "2023-12-31", None),
    ("JPN-NAS-8201", "NAS", "JPN", "monthly", "12000", "month", "2023-07-20", "2024-04-10", None),
    ("JPN-DB-6201", "Cloud DB for MySQL", "JPN", "monthly", "140000", "month", "2023-10-02", "", None),
    ("JPN-FN-9201", "Cloud Functions", "JPN", "metered", "3", "request-10k", "2024-03-05", "", "requests_fn_jpn"),
]


def parse_date(s):
    return dt.date.fromisoformat(s)


def days_in_month(d):
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (nxt - dt.timedelta(days=1)).day


def months_since(start, d):
    """Fractional months between two dates (for slow month-over-month growth)."""
    return (d - start).days / 30.44


def fmt_qty(x):
    """Non-negative decimal, at most 3 decimals, no trailing zeros ('24', '137.25')."""
    q = Decimal(str(max(x, 0.0))).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    s = format(q, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def load_holidays():
    with open(HOLIDAYS_CSV, newline="", encoding="utf-8") as f:
        return {parse_date(row["date"]) for row in csv.DictReader(f)}


def weekday_factor(d, weekend):
    return weekend if d.weekday() >= 5 else 1.0


# Each profile: (rng, contract start, day, holidays) -> quantity or None (no row that day).
def p_always_on(rng, start, d, hol):
    # Load balancers / IPs run around the clock; a rare maintenance window cuts some hours.
    if rng.random() < 0.03:
        return float(rng.randint(18, 23))
    return 24.0


def p_dev_hours(rng, start, d, hol):
    # A development server started in the morning and stopped in the evening, business days only.
    if d.weekday() >= 5 or d in hol:
        return None
    r = rng.random()
    if r < 0.06:
        return 24.0  # left running overnight
    if r < 0.12:
        return float(rng.randint(2, 5))
    return rng.choice([8.0, 9.0, 9.5, 10.0, 10.5, 11.0, 12.0])


def _storage(rng, start, d, base_gb, growth):
    gb = base_gb * (1 + growth) ** months_since(start, d)
    gb *= 1 + rng.uniform(-0.01, 0.012)
    # daily share of a GB-month: GB stored that day / days in the month
    return gb / days_in_month(d)


def p_storage_kr(rng, start, d, hol):
    return _storage(rng, start, d, 420.0, 0.06)


def p_storage_sgn(rng, start, d, hol):
    return _storage(rng, start, d, 150.0, 0.09)


def _traffic(rng, start, d, base, growth, weekend, noise=0.18):
    v = base * (1 + growth) ** months_since(start, d) * weekday_factor(d, weekend)
    v *= 1 + rng.uniform(-noise, noise)
    if rng.random() < 0.02:
        v *= rng.uniform(1.8, 3.0)  # occasional spike (a release, a campaign mail-out)
    return v


def p_cdn_kr(rng, start, d, hol):
    # Consumer-facing site: busier at weekends and on holidays.
    wk = 1.35 if (d.weekday() >= 5 or d in hol) else 1.0
    return _traffic(rng, start, d, 38.0, 0.045, 1.0) * wk


def p_cdn_event(rng, start, d, hol):
    # Year-end campaign: a ramp up to Christmas, then off.
    peak = dt.date(2023, 12, 24)
    dist = abs((peak - d).days)
    return (220.0 - 11.0 * dist) * (1 + rng.uniform(-0.1, 0.1))


def p_cdn_sgn(rng, start, d, hol):
    return _traffic(rng, start, d, 14.0, 0.05, 1.25)


def p_requests_obj(rng, start, d, hol):
    return _traffic(rng, start, d, 62.0, 0.05, 0.55)


def p_requests_fn(rng, start, d, hol):
    # Business workflow triggers: mostly weekdays.
    wk = 0.3 if d in hol else 1.0
    return _traffic(rng, start, d, 28.0, 0.07, 0.25, noise=0.25) * wk


def p_requests_fn_jpn(rng, start, d, hol):
    return _traffic(rng, start, d, 9.0, 0.10, 0.4, noise=0.25)


def p_requests_dns(rng, start, d, hol):
    return _traffic(rng, start, d, 140.0, 0.03, 0.8, noise=0.1)


PROFILES = {
    "always_on": p_always_on,
    "dev_hours": p_dev_hours,
    "storage_kr": p_storage_kr,
    "storage_sgn": p_storage_sgn,
    "cdn_kr": p_cdn_kr,
    "cdn_event": p_cdn_event,
    "cdn_sgn": p_cdn_sgn,
    "requests_obj": p_requests_obj,
    "requests_fn": p_requests_fn,
    "requests_fn_jpn": p_requests_fn_jpn,
    "requests_dns": p_requests_dns,
}


def main():
    rng = random.Random(SEED)
    holidays = load_holidays()
    os.makedirs(DEMO_DIR, exist_ok=True)

    with open(os.path.join(DEMO_DIR, "contracts.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["contract_no", "service", "region", "plan", "price", "unit", "start_date", "end_date"])
        for c in CONTRACTS:
            w.writerow(c[:8])

    rows = 0
    with open(os.path.join(DEMO_DIR, "usage.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["contract_no", "date", "quantity"])
        for no, _svc, _reg, plan, _price, _unit, start_s, end_s, profile in CONTRACTS:
            if plan != "metered":
                continue
            start = parse_date(start_s)
            end = min(parse_date(end_s), USAGE_END) if end_s else USAGE_END
            fn = PROFILES[profile]
            d = start
            while d <= end:
                q = fn(rng, start, d, holidays)
                if q is not None:
                    w.writerow([no, d.isoformat(), fmt_qty(q)])
                    rows += 1
                d += dt.timedelta(days=1)

    print(f"wrote {len(CONTRACTS)} contracts and {rows} usage rows to {os.path.relpath(DEMO_DIR, ROOT)}/")


if __name__ == "__main__":
    main()
