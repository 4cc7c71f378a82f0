"""Physicians in bulk for timing registry search at size L (a million physicians beside the
CMS hospitals): names drawn from common US first and last names, in the CMS hospitals' cities,
one in a hundred with an X account. Invented (NPIs beginning with 2, which no provider holds),
and marked generated.

    add_physicians(1_000_000)   # in the database Django is set up with

PostgreSQL builds them in the database (INSERT … SELECT over generate_series, about a minute
for a million); SQLite inserts them in batches."""

from __future__ import annotations

import random

# Names as text (SIM905): as list literals they would be a thousand lines.
FIRST_NAMES = """
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy
Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul
Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy
Stephanie Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Dorothy Jacob Amy
Gary Kathleen Nicholas Angela Eric Shirley Jonathan Emma Stephen Brenda Larry Pamela Justin
Nicole Scott Anna Brandon Samantha Benjamin Katherine Samuel Christine Gregory Debra
Alexander Rachel Patrick Carolyn Frank Janet Raymond Maria Jack Olivia Dennis Heather Jerry
Helen Tyler Catherine Aaron Diane Jose Julie Adam Victoria Nathan Joyce Henry Lauren Zachary
Kelly Douglas Christina Peter Ruth Kyle Joan Noah Virginia Ethan Judith Jeremy Evelyn
Christian Hannah Walter Andrea Keith Megan Austin Cheryl Roger Jacqueline Terry Madison Sean
Teresa Gerald Abigail Carl Sophia Dylan Martha Harold Sara Jordan Gloria Jesse Janice Bryan
Kathryn Lawrence Ann Arthur Isabella Gabriel Judy Bruce Charlotte Logan Julia Billy Grace
Joe Amber Alan Alice Juan Jean Elijah Denise Willie Frances Albert Danielle Wayne Marilyn
Randy Natalie Mason Beverly Vincent Diana Liam Brittany Roy Theresa Bobby Kayla Caleb Alexis
Bradley Doris Russell Lori Lucas Tiffany Priya Wei Aisha Mohammed Fatima Hiroshi Yuki Ananya
Rahul Mei Chen Omar Layla Carlos Sofia Luis Camila
""".split()  # noqa: SIM905

LAST_NAMES = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook
Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez
Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan
Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera
Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker
Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason
Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox
Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan
Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos
Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews
Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis
Carpenter Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega Watkins Greene Nunez
Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin
Dominguez Carr Lawson Jacobs Obrien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey
Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett Burton
Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks Padilla Day Walsh
Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May Holland Juarez Newman Pearson
Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller Avila Wade Molina
Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd Craig Ayala
Lowe Frazier Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz
Norris Jennings Watts Duran Walters Cohen McDaniel Moran Parks Steele Vaughn Becker Holt
Deleon Barker Terry Hale Leon Hail Benson Haynes Horton Miles Lyons Pham Graves Bush
Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher Page McCarthy
Love Robles Cervantes Solis Erickson Reeves Chang Klein Salinas Fuentes Baldwin Daniel Simon
Velasquez Hardy Higgins Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa Dennis
Robbins Liu Ramsey Francis Griffith Paul Blair Oconnor Cardenas Pacheco Cross Calderon Quinn
Moss Swanson Chan Rivas Khan Rodgers Serrano Fitzgerald Rosales Stevenson Christensen
Manning Gill Curry McLaughlin Harmon McGee Gross Doyle Garner Newton Burgess Reese Walton
Blake Trujillo Adkins Brady Goodman Roman Webster Goodwin Fischer Huang Potter Delacruz
Montoya Todd Wu Hines Mullins Castaneda Malone Cannon Tate Mack Sherman Hubbard Hodges Zhang
Guerra Wolf Valencia Saunders Franco Rowe Gallagher Farmer Hammond Hampton Townsend Ingram
Wise Gallegos Clarke Barton Schroeder Maxwell Waters Logan Camacho Strickland Norman Person
Colon Parsons Frank Harrington Glover Osborne Buchanan Casey Floyd Patton Ibarra Ball Tyler
Suarez Bowers Orozco Salas Cobb Gibbs Andrade Bauer Conner Moody Escobar McGuire Lloyd
Mueller Hartman French Kramer McBride Pope Lindsey Velazquez Norton McCormick Sparks Flynn
Yates Hogan Marsh Macias Villanueva Zamora Pratt Stokes Owen Ballard Lang Brock Villarreal
Charles Drake Barrera Cain Patrick Pineda Burnett Mercado Santana Shepherd Bautista Ali
Shaffer Lamb Trevino McKenzie Hess Beil Olsen Cochran Morton Nash Wilkins Petersen Briggs
Shah Roth Nicholson Holloway Lozano Rangel Flowers Hoover Short Arias Mora Valenzuela Bryan
Meyers Weiss Underwood Bass Greer Summers Houston Carson Morrow Clayton Whitaker Decker
Yoder Collier Zuniga Carey Wilcox Melendez Poole Roberson Larsen Conley Davenport Copeland
Massey Lam Huff Rocha Cameron Jefferson Hood Monroe Anthony Pittman Huynh Randall Singleton
Kirk Combs Mathis Christian Skinner Bradford Richard Galvan Wall Boone Kirby Wilkinson
Bridges Bruce Atkinson Velez Meza Roy Vincent York Hodge Villa Abbott Allison Tapia Gates
Chase Sosa Sweeney Farrell Wyatt Dalton Horn Barron Phelps Yu Dickerson Heath Foley Atkins
Mathews Bonilla Acevedo Benitez Zavala Hensley Glenn Cisneros Harrell Shields Rubio Choi
Huffman Boyer Garrison Arroyo Bond Kane Hancock Callahan Dillon Cline Wiggins Grimes
Arellano Melton Oneill Savage Ho Beltran Pitts Parrish Ponce Rich Booth Koch Golden Ware
Brennan McDowell Marks Cantu Humphrey Baxter Sawyer Clay Tanner Hutchinson Kaur Berg Wiley
Gilmore Russo Villegas Hobbs Keith Wilkerson Ahmed Beard McClain Montes Mata Rosario Vang
Walter Henson Oneal Mosley McClure Beasley Stephenson Snow Huerta Preston Vance Barry Johns
Eaton Blackwell Dyer Prince Macdonald Solomon Guevara Stafford English Hurst Woodard Cortes
Shannon Kemp Nolan McCullough Merritt Murillo Moon Salgado Strong Kline Cordova Barajas
Roach Rosas Winters Jacobson Lester Knox Bullock Kerr Leach Meadows Davila Orr Whitehead
Pruitt Kent Conway McKee Barr David Dejesus Marin Berger McIntyre Blankenship Gaines
Palacios Cuevas Bartlett Durham Dorsey McCall Odonnell Stein Browning Stout Lowery Sloan
McLean Hendricks Calhoun Sexton Chung Gentry Hull Duarte Ellison Nielsen Gillespie Buck
Middleton Sellers Leblanc Esparza Hardin Bradshaw McIntosh Howe Livingston Frost Glass Morse
Knapp Herman Stark Bravo Noble Spears Weeks Corona Frederick Buckley McFarland Hebert
Enriquez Hickman Quintero Randolph Schaefer Walls Trejo House Reilly Pennington Michael
Conrad Giles Benjamin Crosby Fitzpatrick Donovan Mays Mahoney Valentine Raymond Medrano Hahn
McMillan Small Bentley Felix Peck Lucero Boyle Hanna Pace Rush Hurley Harding McConnell
Bernal Nava Ayers Everett Ventura Avery Pugh Mayer Bender Shepard McMahon Landry Case
Sampson Moses Magana Blackburn Dunlap Gould Duffy Vaughan Herring McKay Espinosa Rivers
Farley Bernard Ashley Friedman Potts Truong Costa Correa Blevins Nixon Clements Fry Delarosa
Best Benton Lugo Portillo Dougherty Crane Haley Phan Villalobos Blanchard Horne Finley
Quintana Lynn Esquivel Bean Dodson Mullen Xiong Hayden Cano Levy Huber Richmond Moyer Lim
Frye Sheppard McCarty Avalos Booker Waller Parra Woodward Jaramillo Krueger Rasmussen Brandt
Peralta Donaldson Stuart Faulkner Maynard Galindo Coffey Estes Sanford Burch Maddox Vo
Oconnell Vu Andersen Spence McPherson Church Schmitt Stanton Leal Cherry Compton Dudley
Sierra Pollard Alfaro Hester Proctor Lu Hinton Novak Good Madden McCann Terrell Jarvis
Dickson Reyna Cantrell Mayo Branch Hendrix Rollins Rowland Whitney Duke Odom Daugherty
Travis Tang Archer
""".split()  # noqa: SIM905

SPECIALTIES = [
    "Internal Medicine", "Family Medicine", "Pediatrics", "Cardiology", "Psychiatry",
    "Dermatology", "Emergency Medicine", "Neurology", "Radiology", "Oncology",
]  # fmt: skip
NPI_BASE = 2_000_000_000
ACCOUNT_SHARE = 100  # one physician in this many has an X account


def cms_places() -> list[tuple[str, str, str]]:
    """(city, state, ZIP) of every CMS hospital."""
    from socialrx.registry.models import Entity, EntityKind

    return list(
        Entity.objects.filter(kind=EntityKind.HOSPITAL)
        .values_list("city", "state", "postal_code")
        .distinct()
    )


def add_physicians(count: int, seed: int = 20261127) -> int:
    """Add `count` generated physicians (after any added before); returns how many exist."""
    from django.db import connection

    places = cms_places()
    if connection.vendor == "postgresql":
        _add_in_postgres(count, places)
    else:
        _add_in_batches(count, places, random.Random(seed))
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM registry_entity WHERE kind = 'physician'")
        return cursor.fetchone()[0]


def _start(cursor) -> int:
    cursor.execute(
        "SELECT COALESCE(MAX(CAST(npi AS BIGINT)), %s) FROM registry_entity WHERE npi LIKE '2%%'",
        [NPI_BASE],
    )
    return int(cursor.fetchone()[0]) - NPI_BASE + 1


def _add_in_postgres(count: int, places) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        start = _start(cursor)
        cursor.execute(
            """
            WITH names AS (SELECT %s::text[] AS first, %s::text[] AS last, %s::text[] AS city,
                                  %s::text[] AS state, %s::text[] AS zip, %s::text[] AS specialty)
            INSERT INTO registry_entity (public_id, kind, name, ccn, npi, external_id,
                street_address, city, state, postal_code, county, country, phone, website,
                hospital_type, ownership, bed_count_is_generated, credential, specialty,
                category, region, ownership_group, size_band, is_generated, source,
                created_at, updated_at, has_account)
            SELECT md5(n::text || 'physician')::uuid, 'physician',
                first[1 + (hashtext(n::text || 'f') & 2147483647) %% cardinality(first)] || ' '
                  || last[1 + (hashtext(n::text || 'l') & 2147483647) %% cardinality(last)],
                '', (%s + n)::text, '', '',
                city[1 + (hashtext(n::text || 'c') & 2147483647) %% cardinality(city)],
                state[1 + (hashtext(n::text || 'c') & 2147483647) %% cardinality(city)],
                zip[1 + (hashtext(n::text || 'c') & 2147483647) %% cardinality(city)],
                '', 'US', '', '', '', '', false, 'MD',
                specialty[1 + n %% cardinality(specialty)], '', '', '', '', true,
                'Generated for the search benchmark', now(), now(), n %% %s = 0
            FROM names, generate_series(%s, %s) AS n
            """,
            [FIRST_NAMES, LAST_NAMES, [p[0] for p in places], [p[1] for p in places],
             [p[2] for p in places], SPECIALTIES, NPI_BASE, ACCOUNT_SHARE, start,
             start + count - 1],
        )  # fmt: skip
        cursor.execute(
            """
            INSERT INTO registry_account (public_id, platform, handle, key, url, followers,
                verified, status, first_listed, is_generated, created_at, updated_at, entity_id)
            SELECT md5(e.id::text || 'account')::uuid, 'x', '@dr' || e.npi, 'dr' || e.npi,
                'https://x.com/dr' || e.npi, (e.id * 7919) % 20000, false, 'active',
                DATE '2018-01-01', true, now(), now(), e.id
            FROM registry_entity e
            WHERE e.kind = 'physician' AND e.has_account AND e.npi LIKE '2%'
              AND NOT EXISTS (SELECT 1 FROM registry_account a WHERE a.entity_id = e.id)
            """
        )


def _add_in_batches(count: int, places, rng: random.Random, batch: int = 5000) -> None:
    import uuid

    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now().isoformat()
    with transaction.atomic(), connection.cursor() as cursor:
        start = _start(cursor)
        for low in range(start, start + count, batch):
            rows = []
            for n in range(low, min(low + batch, start + count)):
                city, state, zip_code = rng.choice(places)
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                listed = n % ACCOUNT_SHARE == 0
                rows.append((uuid.uuid4().hex, name, str(NPI_BASE + n), city, state, zip_code,
                             SPECIALTIES[n % len(SPECIALTIES)], now, now, listed))  # fmt: skip
            cursor.executemany(
                "INSERT INTO registry_entity (public_id, kind, name, ccn, npi, external_id, "
                "street_address, city, state, postal_code, county, country, phone, website, "
                "hospital_type, ownership, bed_count_is_generated, credential, specialty, "
                "category, region, ownership_group, size_band, is_generated, source, "
                "created_at, updated_at, has_account) VALUES (%s, 'physician', %s, '', %s, '', "
                "'', %s, %s, %s, '', 'US', '', '', '', '', 0, 'MD', %s, '', '', '', '', 1, "
                "'Generated for the search benchmark', %s, %s, %s)",
                rows,
            )
        cursor.execute(
            "INSERT INTO registry_account (public_id, platform, handle, key, url, followers, "
            "verified, status, first_listed, is_generated, created_at, updated_at, entity_id) "
            "SELECT lower(hex(randomblob(16))), 'x', '@dr' || e.npi, 'dr' || e.npi, "
            "'https://x.com/dr' || e.npi, (e.id * 7919) %% 20000, 0, 'active', '2018-01-01', 1, "
            "%s, %s, e.id FROM registry_entity e WHERE e.kind = 'physician' AND e.has_account "
            "AND e.npi LIKE '2%%' AND NOT EXISTS "
            "(SELECT 1 FROM registry_account a WHERE a.entity_id = e.id)",
            [now, now],
        )
