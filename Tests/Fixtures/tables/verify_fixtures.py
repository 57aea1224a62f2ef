#!/usr/bin/env python3
"""Checks the fixture tables in this folder: header contract, column counts, declared types,
unique ids, foreign keys into cities.csv, UTF-8 + LF encoding. Prints row counts.
Usage: python3 Tests/Fixtures/tables/verify_fixtures.py   (exit status 1 on any problem)"""
import csv, datetime, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))

S, I, F, D = 'string', 'int', 'float', 'date'
SCHEMA = {
    'cities.csv': [('city_id', S), ('name', S), ('name_zh', S), ('level', S), ('province', S),
                   ('country', S), ('iso2', S), ('continent', S), ('lat', F), ('lon', F),
                   ('population', I), ('source', S)],
    'agreements.csv': [('agreement_id', S), ('cn_id', S), ('cn_name', S), ('cn_province', S),
                       ('partner_id', S), ('partner_name', S), ('partner_country', S), ('kind', S),
                       ('signed', D), ('year', I), ('origin', S), ('source', S)],
    'visits.csv': [('visit_id', S), ('date', D), ('date_text', S), ('year', I), ('from_id', S),
                   ('from_name', S), ('from_country', S), ('to_id', S), ('to_name', S),
                   ('to_country', S), ('direction', S), ('delegation', S), ('purpose', S),
                   ('outcome', S), ('n_visits', I), ('n_countries', I), ('origin', S), ('source', S)],
    'aid.csv': [('aid_id', S), ('date', D), ('date_text', S), ('year', I), ('donor_id', S),
                ('donor_name', S), ('donor_country', S), ('recipient_id', S), ('recipient_name', S),
                ('recipient_country', S), ('direction', S), ('item', S), ('quantity', I), ('unit', S),
                ('qualifier', S), ('value_usd', F), ('context', S), ('origin', S), ('source', S)],
}
# columns that must never be empty
REQUIRED = {
    'cities.csv': ['city_id', 'name', 'level', 'country', 'iso2', 'continent', 'source'],
    'agreements.csv': ['agreement_id', 'cn_id', 'cn_name', 'partner_name', 'kind', 'origin', 'source'],
    'visits.csv': ['visit_id', 'date_text', 'direction', 'n_visits', 'origin', 'source'],
    'aid.csv': ['aid_id', 'date_text', 'year', 'direction', 'item', 'context', 'origin', 'source'],
}
ENUMS = {
    ('cities.csv', 'level'): {'province', 'prefecture', 'city', 'district', 'county', 'region'},
    ('agreements.csv', 'origin'): {'seed', 'wikipedia', 'pages'},
    ('visits.csv', 'direction'): {'outbound', 'inbound'},
    ('visits.csv', 'origin'): {'seed', 'wikipedia', 'pages'},
    ('aid.csv', 'direction'): {'outbound', 'inbound'},
    ('aid.csv', 'qualifier'): {'exact', 'at least', 'about', 'cumulative'},
    ('aid.csv', 'origin'): {'seed', 'wikipedia', 'pages'},
}
FKS = {
    'agreements.csv': ['cn_id', 'partner_id'],
    'visits.csv': ['from_id', 'to_id'],
    'aid.csv': ['donor_id', 'recipient_id'],
}
CITY_ID = re.compile(r'^[a-z]{2}(-[a-z0-9]+)+$')

errors = []
def err(msg):
    errors.append(msg)

def parse(kind, v):
    if kind == I:
        if not re.fullmatch(r'-?\d+', v):
            raise ValueError('not an int')
        return int(v)
    if kind == F:
        if not re.fullmatch(r'-?\d+(\.\d+)?', v):
            raise ValueError('not a float')
        return float(v)
    if kind == D:
        if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', v):
            raise ValueError('not YYYY-MM-DD')
        return datetime.date.fromisoformat(v)
    return v

tables = {}
for name, cols in SCHEMA.items():
    path = os.path.join(HERE, name)
    raw = open(path, 'rb').read()
    try:
        raw.decode('utf-8')
    except UnicodeDecodeError as e:
        err(f'{name}: not UTF-8 ({e})')
    if raw.startswith(b'\xef\xbb\xbf'):
        err(f'{name}: has a BOM')
    if b'\r' in raw:
        err(f'{name}: contains CR (line endings must be LF)')
    if not raw.endswith(b'\n'):
        err(f'{name}: no final newline')
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    if header != [c for c, _ in cols]:
        err(f'{name}: header {header} != {[c for c, _ in cols]}')
    typed = []
    for ln, row in enumerate(body, start=2):
        if len(row) != len(cols):
            err(f'{name} L{ln}: {len(row)} fields, expected {len(cols)}')
            continue
        rec = {}
        for (col, kind), v in zip(cols, row):
            if v != v.strip():
                err(f'{name} L{ln} {col}: leading/trailing space')
            if v == '':
                rec[col] = None
                continue
            try:
                rec[col] = parse(kind, v)
            except ValueError as e:
                err(f'{name} L{ln} {col}={v!r}: {e}')
                rec[col] = None
        for col in REQUIRED[name]:
            if rec.get(col) is None:
                err(f'{name} L{ln}: {col} is empty')
        for (t, col), allowed in ENUMS.items():
            if t == name and rec.get(col) is not None and rec[col] not in allowed:
                err(f'{name} L{ln} {col}={rec[col]!r} not in {sorted(allowed)}')
        typed.append((ln, rec))
    tables[name] = typed
    idcol = cols[0][0]
    seen = {}
    for ln, rec in typed:
        k = rec[idcol]
        if k in seen:
            err(f'{name} L{ln}: duplicate {idcol} {k!r} (first at L{seen[k]})')
        seen[k] = ln

city_ids = {rec['city_id'] for _, rec in tables['cities.csv']}
for ln, rec in tables['cities.csv']:
    if rec['city_id'] and not CITY_ID.match(rec['city_id']):
        err(f'cities.csv L{ln}: city_id {rec["city_id"]!r} is not like "cn-haikou"')
    if rec['city_id'] and rec['iso2'] and not rec['city_id'].startswith(rec['iso2'].lower() + '-'):
        err(f'cities.csv L{ln}: city_id prefix does not match iso2 {rec["iso2"]}')
    if (rec['lat'] is None) != (rec['lon'] is None):
        err(f'cities.csv L{ln}: lat and lon must both be set or both be null')
    if rec['lat'] is not None and not (-90 <= rec['lat'] <= 90 and -180 <= rec['lon'] <= 180):
        err(f'cities.csv L{ln}: coordinates out of range')
    if rec['country'] == 'China' and not rec['province']:
        err(f'cities.csv L{ln}: Chinese place without province')

for name, fkcols in FKS.items():
    for ln, rec in tables[name]:
        for col in fkcols:
            if rec[col] is not None and rec[col] not in city_ids:
                err(f'{name} L{ln}: {col} {rec[col]!r} not in cities.csv')

# a typed date and its year column must agree
for name, dcol in [('agreements.csv', 'signed'), ('visits.csv', 'date'), ('aid.csv', 'date')]:
    for ln, rec in tables[name]:
        if rec[dcol] is not None and rec['year'] is not None and rec[dcol].year != rec['year']:
            err(f'{name} L{ln}: {dcol} {rec[dcol]} disagrees with year {rec["year"]}')
        if rec[dcol] is not None and rec['year'] is None:
            err(f'{name} L{ln}: {dcol} set but year null')
for ln, rec in tables['aid.csv']:
    if rec['quantity'] is not None and rec['qualifier'] is None:
        err(f'aid.csv L{ln}: quantity without qualifier')
    if rec['quantity'] is not None and not rec['unit']:
        err(f'aid.csv L{ln}: quantity without unit')

for name in SCHEMA:
    print(f'{name}: {len(tables[name])} rows')
print('continents:', sorted({r['continent'] for _, r in tables['cities.csv']}))
if errors:
    print(f'{len(errors)} problem(s):')
    for e in errors:
        print('  ' + e)
    sys.exit(1)
print('OK')
