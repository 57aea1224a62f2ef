#!/usr/bin/env python3
"""Builds the small real fixture tables in this folder from the shared source data.
Every value is taken from a source row; each row's `source` column names file and line (L = line
number, header = L1) or pair_id. Rerunning overwrites cities/agreements/visits/aid.csv.
Usage: python3 Tests/Fixtures/tables/build_fixtures.py  (AMITY_SOURCE_DATA overrides the data dir)"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
# the project's source data (README: /work/shared/data), i.e. ../../../../shared/data from here
D = os.environ.get('AMITY_SOURCE_DATA', os.path.normpath(os.path.join(HERE, '../../../../shared/data')))
OUT = HERE
WP = 'wikipedia/china_sister_cities_wikipedia.csv'

def load(rel):
    with open(os.path.join(D, rel), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))

def line(rel, n):
    """Row at file line n (header is line 1); files here have no embedded newlines."""
    rows = load(rel)
    return rows[n - 2]

wp = {r['pair_id']: r for r in load(WP)}
dim = {r['city_id']: r for r in load('reference/cities_dimension_china_extract.csv')}
cnc = {r['geonameid']: r for r in load('reference/cn_cities_geonames_pop15k.csv')}
prov = {r['province_en']: r for r in load('reference/cn_provinces.csv')}
ctry = {r['name']: r for r in load('reference/countries_continents.csv')}

CITY_COLS = ['city_id', 'name', 'name_zh', 'level', 'province', 'country', 'iso2', 'continent',
             'lat', 'lon', 'population', 'source']
cities = []

def add_city(**kw):
    row = {c: kw.get(c) for c in CITY_COLS}
    c = ctry[row['country']]
    row['iso2'], row['continent'] = c['iso2'], c['continent']
    cities.append(row)

# --- Chinese province-level units: cn_provinces.csv (lat/lon are the capital's; population unknown) ---
for pid, en in [('cn-hainan', 'Hainan'), ('cn-henan', 'Henan'), ('cn-shandong', 'Shandong')]:
    p = prov[en]
    add_city(city_id=pid, name=en, name_zh=p['province_zh'], level='province', province=en,
             country='China', lat=p['capital_lat'], lon=p['capital_lon'], population=None,
             source=f"reference/cn_provinces.csv {p['iso_3166_2']} (lat/lon = capital {p['capital']}; "
                    f"capital_population not used)")

# --- Chinese cities: GeoNames record in cn_cities_geonames_pop15k.csv ---
def cn_city(cid, gid, level, note=''):
    g = cnc[gid]
    add_city(city_id=cid, name=g['name'], name_zh=g['name_zh'] or None, level=level,
             province=g['province_en'], country='China', lat=g['lat'], lon=g['lon'],
             population=g['population'],
             source=f"reference/cn_cities_geonames_pop15k.csv {gid}{note}")

cn_city('cn-beijing', '1816670', 'province', ' (municipality: province-level per reference/cn_provinces.csv CN-BJ)')
cn_city('cn-shanghai', '1796236', 'province', ' (municipality: province-level per reference/cn_provinces.csv CN-SH)')
cn_city('cn-haikou', '1809078', 'prefecture', '; level per seed_facts/places.csv')
cn_city('cn-sanya', '1796556', 'prefecture', '; level per seed_facts/places.csv')
cn_city('cn-zhengzhou', '1784658', 'prefecture', '; level per seed_facts/places.csv')
cn_city('cn-jinan', '1805753', 'prefecture', '; level per seed_facts/places.csv')
cn_city('cn-lanzhou', '1804430', 'prefecture', ' (capital of Gansu per reference/cn_provinces.csv)')
cn_city('cn-suzhou', '1886760', 'prefecture',
        f" (Jiangsu; {WP} flags Suzhou AMBIGUOUS Anhui/Jiangsu on district rows)")
cn_city('cn-wuhan', '1791247', 'prefecture', ' (capital of Hubei per reference/cn_provinces.csv)')
cn_city('cn-changsha', '1815577', 'prefecture',
        ' (capital of Hunan per reference/cn_provinces.csv; name_zh in traditional script as in GeoNames)')
add_city(city_id='cn-jinan-licheng', name='Licheng district', name_zh=None, level='district',
         province='Shandong', country='China', lat=None, lon=None, population=None,
         source="seed_facts/places.csv 'Licheng district' (district, parent Jinan; 004_c302322c81e06f16.txt); no name_zh or coordinates in sources")

# --- foreign places with a Wikipedia pair row (lat/lon from that row; population from the GeoNames
#     match in cities_dimension_china_extract.csv unless that match is a different place) ---
def wp_city(cid, pair_id, dim_id, province=None, pop_ok=True, note=''):
    r = wp[pair_id]
    d = dim[dim_id]
    assert d['city'] == r['partner_city'], (d, r['partner_city'])
    src = f"{WP} {pair_id}"
    if pop_ok:
        pop = d['population']
        src += f"; population reference/cities_dimension_china_extract.csv {dim_id}"
    else:
        pop = None
        src += note
    add_city(city_id=cid, name=r['partner_city'], name_zh=None, level='city', province=province,
             country=r['partner_country'], lat=r['partner_lat'], lon=r['partner_lon'],
             population=pop, source=src)

wp_city('ru-vladimir', 'WP-CN-00552', 'C00496', province='Vladimir Oblast', pop_ok=False,
        note='; province per seed_facts/places.csv; population null: cities_dimension C00496 matched Vladivostok (geonameid 2013348), not Vladimir')
wp_city('al-tirana', 'WP-CN-00002', 'C00004')
wp_city('al-fier', 'WP-CN-00001', 'C00002')
wp_city('ua-yalta', 'WP-CN-00959', 'C01004', province='Crimea',
        note='')
cities[-1]['source'] += ("; province per seed_facts/places.csv; quality_flags 'Crimea: sovereignty disputed' "
                         "(seed 001 says Russia)")
wp_city('mx-benito-juarez', 'WP-CN-00950', 'C00635', pop_ok=False,
        note='; population null: cities_dimension C00635 matched the Mexico City borough (19.37,-99.16), not the Quintana Roo partner')
wp_city('br-joinville', 'WP-CN-00139', 'C00197')
wp_city('bf-ouagadougou', 'WP-CN-01407', 'C01367')
wp_city('au-darwin', 'WP-CN-00026', 'C00045')
wp_city('jp-wakayama', 'WP-CN-00700', 'C00755')
wp_city('fi-vantaa', 'WP-CN-00699', 'C00754')
wp_city('il-kfar-saba', 'WP-CN-00688', 'C00744')
wp_city('nz-taupo', 'WP-CN-01089', 'C01103')
wp_city('jp-oita', 'WP-CN-01216', 'C01211')
wp_city('hu-budapest', 'WP-CN-00968', 'C00358')
# Kansas City: coordinates from the Xi'an pair row (the Changsha pair is in pages/dated_pairs.csv L23)
wp_city('us-kansas-city', 'WP-CN-01265', 'C01249', province='Missouri')
cities[-1]['source'] += "; province per pages/dated_pairs.csv L23 'Kansas City (Missouri)'"

# --- foreign places without coordinates in any source file ---
def bare(cid, name, level, province, country, source):
    add_city(city_id=cid, name=name, name_zh=None, level=level, province=province, country=country,
             lat=None, lon=None, population=None, source=source + '; no coordinates in sources')

bare('jp-hyogo', 'Hyogo', 'prefecture', 'Hyogo', 'Japan', 'pages/dated_pairs.csv L2; seed_facts/places.csv')
bare('kr-jeju', 'Jeju', 'province', 'Jeju', 'South Korea',
     'pages/dated_pairs.csv L3; seed_facts/places.csv (province; Jeju City C00594 is a different unit)')
bare('jp-okinawa', 'Okinawa', 'prefecture', 'Okinawa', 'Japan',
     "pages/visits_events.csv L2 (venue 'Okinawa, Japan'; level not stated, prefecture assumed)")
bare('ca-prince-edward-island', 'Prince Edward Island', 'province', 'Prince Edward Island', 'Canada',
     'pages/dated_pairs.csv L4')
bare('se-gotland', 'Gotland', 'county', 'Gotland', 'Sweden', "pages/dated_pairs.csv L5 (level 'county/province')")
bare('by-grodno-region', 'Grodno Region', 'region', 'Grodno Region', 'Belarus',
     "pages/dated_pairs.csv L8 (level 'region (oblast)')")
bare('kr-jeollabuk-do', 'Jeollabuk-do', 'province', 'Jeollabuk-do', 'South Korea', 'pages/dated_pairs.csv L26')
bare('us-san-bernardino-county', 'San Bernardino County', 'county', None, 'United States',
     'pages/dated_pairs.csv L9')
bare('za-western-cape', 'Western Cape', 'province', 'Western Cape', 'South Africa',
     "pages/visits_events.csv L11 ('Western Cape Premier'; level inferred from the title Premier)")
bare('hu-cegled', 'Cegléd', 'city', 'Pest County', 'Hungary',
     "seed_facts/places.csv (written 'Cegled', place_type town, parent Pest County); accented spelling per seed_facts/sister_pairs.csv 'Cegled (Cegléd)'")

ids = {c['city_id']: c for c in cities}

# ------------------------------------------------------------------ agreements
AG_COLS = ['agreement_id', 'cn_id', 'cn_name', 'cn_province', 'partner_id', 'partner_name',
           'partner_country', 'kind', 'signed', 'year', 'origin', 'source']
agreements = []

def ag(cn_id, cn_name, partner_id, partner_name, partner_country, kind, signed, year, origin, source,
       cn_province=None):
    cn = ids[cn_id]
    agreements.append(dict(agreement_id=f"ag-{len(agreements)+1:03d}", cn_id=cn_id, cn_name=cn_name,
                           cn_province=cn_province or cn['province'], partner_id=partner_id,
                           partner_name=partner_name, partner_country=partner_country, kind=kind,
                           signed=signed, year=year, origin=origin, source=source))

for pair_id, cn_id, partner_id in [
        ('WP-CN-00001', 'cn-lanzhou', 'al-fier'), ('WP-CN-00002', 'cn-beijing', 'al-tirana'),
        ('WP-CN-00277', 'cn-beijing', 'hu-budapest'), ('WP-CN-00968', 'cn-shanghai', 'hu-budapest'),
        ('WP-CN-00552', 'cn-haikou', 'ru-vladimir'), ('WP-CN-00026', 'cn-haikou', 'au-darwin'),
        ('WP-CN-00959', 'cn-sanya', 'ua-yalta'), ('WP-CN-00950', 'cn-sanya', 'mx-benito-juarez'),
        ('WP-CN-00139', 'cn-zhengzhou', 'br-joinville'), ('WP-CN-01407', 'cn-zhengzhou', 'bf-ouagadougou'),
        ('WP-CN-00700', 'cn-jinan', 'jp-wakayama'), ('WP-CN-00699', 'cn-jinan', 'fi-vantaa'),
        ('WP-CN-00688', 'cn-jinan', 'il-kfar-saba'), ('WP-CN-01089', 'cn-suzhou', 'nz-taupo'),
        ('WP-CN-01216', 'cn-wuhan', 'jp-oita')]:
    r = wp[pair_id]
    assert r['cn_city'] == ids[cn_id]['name'] and r['partner_city'] == ids[partner_id]['name'], pair_id
    src = f"{WP} {pair_id}"
    if r['established_year']:
        src += f" (established_year from {r['year_source']})"
    if r['quality_flags']:
        src += f" [quality_flags: {r['quality_flags']}]"
    ag(cn_id, r['cn_city'], partner_id, r['partner_city'], r['partner_country'], 'sister-city', None,
       r['established_year'] or None, 'wikipedia', src, cn_province=r['cn_province'])

DP = 'pages/dated_pairs.csv'
def dp(n, cn_id, partner_id, kind, signed):
    r = line(DP, n)
    cn_name = r['cn_city'] or r['cn_province']
    ag(cn_id, cn_name, partner_id, r['partner'], r['partner_country'], kind, signed,
       r['year'] or None, 'pages', f"{DP} L{n}: relation '{r['relation']}'" + (f", date '{r['date']}'" if r['date'] else '')
       + f", year_basis '{r['year_basis']}' ({r['url']})",
       cn_province=r['cn_province'])

dp(2, 'cn-hainan', 'jp-hyogo', 'sister-city', '1990-09-28')
dp(3, 'cn-hainan', 'kr-jeju', 'sister-city', None)
dp(4, 'cn-hainan', 'ca-prince-edward-island', 'sister-city', None)
dp(5, 'cn-hainan', 'se-gotland', 'sister-city', None)
dp(8, 'cn-hainan', 'by-grodno-region', 'letter-of-intent', None)
dp(9, 'cn-haikou', 'us-san-bernardino-county', 'letter-of-intent', '2018-08-06')
dp(10, 'cn-jinan', 'jp-wakayama', 'sister-city', None)
dp(23, 'cn-changsha', 'us-kansas-city', 'sister-city', None)
dp(26, 'cn-shanghai', 'kr-jeollabuk-do', 'partnership', '2003-04-17')
dp(27, 'cn-shandong', 'kr-jeollabuk-do', 'partnership', '2006-11-02')
dp(32, 'cn-wuhan', 'jp-oita', 'sister-city', None)

v = line('pages/visits_events.csv', 11)
assert 'Shandong-Western Cape MOU' in v['outcome']
ag('cn-shandong', 'Shandong', 'za-western-cape', 'Western Cape', 'South Africa', 'mou', v['date'],
   v['date'][:4], 'pages', f"pages/visits_events.csv L11: outcome '{v['outcome']}' ({v['url']})")

SA = 'seed_facts/agreements.csv'
r = line(SA, 3)
ag('cn-hainan', 'Hainan', None, r['foreign_or_other_party'], r['foreign_party_country'], 'sister-city', None, None,
   'seed', f"{SA} L3: '{r['agreement_type']}', date \"{r['date_or_year']}\", partner unnamed ({r['source']})")
for n in (5, 6):
    r = line(SA, n)
    ag('cn-haikou', 'Haikou', None, r['foreign_or_other_party'], r['foreign_party_country'], 'investment', None,
       '2020', 'seed', f"{SA} L{n}: party '{r['cn_party']}', '{r['agreement_type']}', date '{r['date_or_year']}', "
       f"{r['signing_mode']} ({r['source']})")
SP = 'seed_facts/sister_pairs.csv'
r = line(SP, 6)
ag('cn-haikou', 'Haikou', 'ru-vladimir', r['partner_name'], r['partner_country'], 'sister-city', None, None,
   'seed', f"{SP} L6: '{r['relation_type']}' ({r['source']})")
r = line(SP, 7)
ag('cn-sanya', 'Sanya', 'ua-yalta', r['partner_name'], r['partner_country'], 'partnership', None, None,
   'seed', f"{SP} L7: '{r['relation_type']}'; {r['notes']} ({r['source']})")
r = line(SP, 16)
ag('cn-jinan-licheng', 'Licheng district (Jinan)', 'hu-cegled', 'Cegléd', r['partner_country'], 'cooperation', None, None,
   'seed', f"{SP} L16: '{r['relation_type']}', status '{r['status']}'; {r['notes']} ({r['source']})")

# ------------------------------------------------------------------ visits
VI_COLS = ['visit_id', 'date', 'date_text', 'year', 'from_id', 'from_name', 'from_country', 'to_id', 'to_name',
           'to_country', 'direction', 'delegation', 'purpose', 'outcome', 'n_visits', 'n_countries', 'origin', 'source']
visits = []
def vis(**kw):
    row = {c: kw.get(c) for c in VI_COLS}
    row['visit_id'] = f"vis-{len(visits)+1:03d}"
    row.setdefault('n_visits', 1)
    if row['n_visits'] is None:
        row['n_visits'] = 1
    visits.append(row)

VE = 'pages/visits_events.csv'
def ve(n, date, year, from_id, from_name, from_country, to_id, to_name, to_country, direction, note=''):
    r = line(VE, n)
    vis(date=date, date_text=r['date'], year=year, from_id=from_id, from_name=from_name, from_country=from_country,
        to_id=to_id, to_name=to_name, to_country=to_country, direction=direction, delegation=r['actor'],
        purpose=r['event'] or None, outcome=r['outcome'] or None, origin='pages',
        source=f"{VE} L{n}: role '{r['role']}'{note} ({r['url']})")

ve(2, None, 2019, 'cn-hainan', 'Hainan', 'China', 'jp-okinawa', 'Okinawa', 'Japan', 'outbound')
ve(3, '2011-03-01', 2011, 'se-gotland', 'Gotland', 'Sweden', 'cn-haikou', 'Haikou', 'China', 'inbound')
ve(4, None, 2010, 'se-gotland', 'Gotland', 'Sweden', 'cn-hainan', 'Hainan', 'China', 'inbound',
   note="; 'c.' qualifies the month, year 2010 as in pages/dated_pairs.csv L5")
ve(5, None, 2011, 'ca-prince-edward-island', 'Prince Edward Island', 'Canada', 'cn-hainan', 'Hainan', 'China', 'inbound')
ve(7, None, None, 'by-grodno-region', 'Grodno Region', 'Belarus', 'cn-haikou', 'Haikou', 'China', 'inbound')
ve(8, '2018-11-01', 2018, 'fi-vantaa', 'Vantaa', 'Finland', 'cn-jinan', 'Jinan', 'China', 'inbound')
ve(9, None, 2009, 'il-kfar-saba', 'Kfar Saba', 'Israel', 'cn-jinan', 'Jinan', 'China', 'inbound')
ve(10, None, 2015, 'cn-changsha', 'Changsha', 'China', 'us-kansas-city', 'Kansas City', 'United States', 'outbound')
ve(11, '2023-09-25', 2023, None, 'Shandong Governor Zhou Naixiang / Western Cape Premier Alan Winde', 'China; South Africa',
   'cn-jinan', 'Jinan', 'China', 'inbound',
   note='; forum hosted in Jinan with foreign guests, so inbound; actor names two parties, from_id left null')

SV = 'seed_facts/visits.csv'
r = line(SV, 2)
vis(date=None, date_text=r['year'], year=int(r['year']), from_id='cn-hainan', from_name='Hainan', from_country='China',
    to_id=None, to_name=r['destination'], to_country=r['destination_country'], direction='outbound',
    delegation=r['visitor_role'], purpose=r['purpose'], outcome=r['status'], n_visits=int(r['n_visits']),
    n_countries=40, origin='seed',
    source=f"{SV} L2: n_countries '{r['n_countries']}' recorded as lower bound 40 ({r['source']})")
r = line(SV, 4)
vis(date=None, date_text=r['year'], year=None, from_id='kr-jeju', from_name='Jeju', from_country='South Korea',
    to_id='cn-hainan', to_name=r['destination'], to_country=r['destination_country'], direction='inbound',
    delegation=r['visitor_role'], purpose=r['purpose'], outcome=r['status'], origin='seed',
    source=f"{SV} L4 ({r['source']})")

# ------------------------------------------------------------------ aid
AID_COLS = ['aid_id', 'date', 'date_text', 'year', 'donor_id', 'donor_name', 'donor_country', 'recipient_id',
            'recipient_name', 'recipient_country', 'direction', 'item', 'quantity', 'unit', 'qualifier',
            'value_usd', 'context', 'origin', 'source']
aid = []
def add_aid(**kw):
    row = {c: kw.get(c) for c in AID_COLS}
    row['aid_id'] = f"aid-{len(aid)+1:03d}"
    aid.append(row)

SAID = 'seed_facts/aid.csv'
def sa(n, year, donor_id, recipient_id, item, qualifier, note=''):
    r = line(SAID, n)
    add_aid(date=None, date_text=r['period'], year=year, donor_id=donor_id, donor_name=r['donor'],
            donor_country=r['donor_country'], recipient_id=recipient_id, recipient_name=r['recipient'],
            recipient_country=r['recipient_country'], direction=r['direction'], item=item,
            quantity=r['quantity'] or None, unit=r['unit'] or None, qualifier=qualifier, value_usd=None,
            context=r['context'], origin='seed',
            source=f"{SAID} L{n}: item '{r['item']}'" + (f", qualifier '{r['qualifier']}'" if r['qualifier'] else '')
                   + note + f" ({r['source']})")

sa(2, 2020, 'cn-hainan', None, 'masks', 'cumulative')
sa(3, 2020, 'cn-hainan', None, 'gowns', 'cumulative')
sa(4, 2020, 'cn-hainan', None, 'isolation_suits', 'cumulative')
sa(5, 2020, 'cn-hainan', None, 'disinfectant', 'cumulative')
sa(6, 2020, None, 'cn-hainan', 'material_assistance', None)
sa(7, 2020, 'jp-hyogo', 'cn-hainan', 'masks', 'at least')
sa(9, 2020, None, 'cn-hainan', 'financial_support', None)
sa(11, 2018, 'cn-hainan', None, 'humanitarian_aid', None)
sa(12, 1995, 'cn-hainan', None, 'humanitarian_aid', None)

PA = 'pages/aid.csv'
def pa(n, date, year, donor_id, recipient_id, item, qualifier, value_usd=None, note=''):
    r = line(PA, n)
    src = f"{PA} L{n}: item '{r['item']}'"
    if r['qualifier']:
        src += f", qualifier '{r['qualifier']}'"
    src += note + f" ({r['url']})"
    add_aid(date=date, date_text=r['date'], year=year, donor_id=donor_id, donor_name=r['donor'],
            donor_country=r['donor_country'], recipient_id=recipient_id, recipient_name=r['recipient'],
            recipient_country=r['recipient_country'], direction=r['direction_vs_china'], item=item,
            quantity=r['quantity'] or None, unit=r['unit'] or None, qualifier=qualifier, value_usd=value_usd,
            context=r['context'], origin='pages', source=src)

pa(2, None, 2020, 'jp-hyogo', 'cn-hainan', 'masks', None)
pa(3, '2020-03-18', 2020, 'cn-hainan', 'jp-hyogo', 'masks', 'exact')
pa(4, '2020-03-18', 2020, 'cn-hainan', 'kr-jeju', 'masks', 'exact')
r5 = line(PA, 5)
assert r5['value_cny'].startswith('2,600,000+')
pa(5, None, 2020, 'cn-hainan', None, 'masks', 'at least', value_usd=f"{2600000/7.0:.2f}",
   note=f"; value_cny '{r5['value_cny']}' is for the whole package (aid-013..aid-017), recorded once here, "
        f"converted at 1 USD = 7.0 CNY, a lower bound")
pa(6, None, 2020, 'cn-hainan', None, 'masks', 'exact')
pa(7, None, 2020, 'cn-hainan', None, 'protective_clothing', 'exact')
pa(8, None, 2020, 'cn-hainan', None, 'disinfectant', 'exact')
pa(9, None, 2020, 'cn-hainan', None, 'gloves', 'at least')
pa(10, None, 2020, 'cn-haikou', None, 'masks', 'about')
pa(30, '2020-01-27', 2020, 'jp-oita', 'cn-wuhan', 'masks', 'exact')

# ------------------------------------------------------------------ write
def write(name, cols, rows):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(cols)
        for r in rows:
            w.writerow(['' if r[c] is None else r[c] for c in cols])
    print(name, len(rows))

os.makedirs(OUT, exist_ok=True)
write('cities.csv', CITY_COLS, cities)
write('agreements.csv', AG_COLS, agreements)
write('visits.csv', VI_COLS, visits)
write('aid.csv', AID_COLS, aid)
