"""Generate a synthetic, fully valid OneRoster 1.1 bulk district of any size.

    python benchmarks/generate_district.py OUTDIR --enrollments 2000000 \\
        [--seed 1] [--damage N | --broken-every-row]

The output is a function of the arguments only: no clock, no hash
order, one seeded random.Random per concern, so the same arguments give
byte-identical files. The size fixes the structure; the seed draws names and
demographics.

Shape (derived from --enrollments, which is matched exactly): students ~ enrollments/7;
one school per ~500 students under one district (elementary, middle, high in turn);
teachers ~ students/20 per school; parents ~ students/2, each with two children, often
in different schools; classes of ~25 students of one grade plus one primary teacher;
one school year with two semesters; demographics for every student.

--damage N injects N deterministic errors into enrollments.csv (an Excel-style date,
a class that does not exist, a duplicated sourcedId, in turn) so a benchmark can also
time a package that has findings.

--broken-every-row writes the worst case instead: every enrollment's beginDate as a
spreadsheet re-saves it (8/18/2025), so a linter reports one finding per enrollment.
Everything else is byte-identical to the clean district of the same size and seed.

Standard library only. The big files are written with plain string joins, several
times faster than csv.writer and safe because every generated value is free of commas
and quotes except the list fields, which go through quote().
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
import random
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Columns in the exact order of the OneRoster 1.1 CSV binding.
COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(columns.split())
    for name, columns in {
        "orgs.csv": "sourcedId status dateLastModified name type identifier parentSourcedId",
        "academicSessions.csv": "sourcedId status dateLastModified title type startDate endDate parentSourcedId schoolYear",
        "courses.csv": "sourcedId status dateLastModified schoolYearSourcedId title courseCode grades orgSourcedId subjects subjectCodes",
        "classes.csv": "sourcedId status dateLastModified title grades courseSourcedId "
        "classCode classType location schoolSourcedId termSourcedIds subjects "
        "subjectCodes periods",
        "users.csv": "sourcedId status dateLastModified enabledUser orgSourcedIds role "
        "username userIds givenName familyName middleName identifier email sms phone "
        "agentSourcedIds grades password",
        "enrollments.csv": "sourcedId status dateLastModified classSourcedId schoolSourcedId userSourcedId role primary beginDate endDate",
        "demographics.csv": "sourcedId status dateLastModified birthDate sex "
        "americanIndianOrAlaskaNative asian blackOrAfricanAmerican "
        "nativeHawaiianOrOtherPacificIslander white demographicRaceTwoOrMoreRaces "
        "hispanicOrLatinoEthnicity countryOfBirthCode stateOfBirthAbbreviation "
        "cityOfBirth publicSchoolResidenceStatus",
    }.items()
}
# Files of OneRoster 1.1 that a rostering-only export marks absent.
ABSENT_FILES = (
    "categories",
    "classResources",
    "courseResources",
    "lineItems",
    "resources",
    "results",
)
NEWLINE = "\r\n"  # RFC 4180 record separator

# Rough ratios a typical US district export shows.
ENROLLMENTS_PER_STUDENT = 7
STUDENTS_PER_SCHOOL = 500
STUDENTS_PER_TEACHER = 20
ENROLLMENTS_PER_CLASS = 26  # ~25 students + 1 teacher
MIN_ENROLLMENTS = 100  # below this some grade of the one school would have no student

# Elementary, middle and high schools in turn: a school enrolls only its own grades.
GRADE_BANDS = (
    ("KG", "01", "02", "03", "04", "05"),
    ("06", "07", "08"),
    ("09", "10", "11", "12"),
)
BAND_NAMES = ("Elementary School", "Middle School", "High School")
SUBJECTS = (
    ("Mathematics", "MATH"),
    ("English Language Arts", "ELA"),
    ("Science", "SCI"),
    ("Social Studies", "SOC"),
    ("Physical Education", "PE"),
    ("Art", "ART"),
    ("Music", "MUS"),
    ("World Languages", "WL"),
)

# One school year (ends 2026) and two semesters, fixed: output never depends on today.
SCHOOL_YEAR = "2026"
YEAR_ID, FALL_ID, SPRING_ID = "as-2026", "as-2026-s1", "as-2026-s2"
SESSIONS = (
    (YEAR_ID, "2025-2026", "schoolYear", "2025-08-18", "2026-06-12", ""),
    (FALL_ID, "Fall 2025", "semester", "2025-08-18", "2025-12-19", YEAR_ID),
    (SPRING_ID, "Spring 2026", "semester", "2026-01-05", "2026-06-12", YEAR_ID),
)
SESSION_DATES = {sid: (start, end) for sid, _, _, start, end, _ in SESSIONS}
# Year-long classes sit in both semesters (a quoted list); the rest in one of them.
TERM_CHOICES = ((FALL_ID, SPRING_ID), (FALL_ID, SPRING_ID), (FALL_ID,), (SPRING_ID,))

DISTRICT_ID = "org-district"
EMAIL_DOMAIN = "example.org"  # reserved for documentation (RFC 2606)

# A few non-ASCII and apostrophe names keep UTF-8 handling honest.
GIVEN_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Mateo", "Amelia",
    "Aaliyah", "José", "Renée", "Zoë", "Björn", "Siobhán", "Ngozi", "Wei", "Priya",
    "Yusuf", "Léa",
)  # fmt: skip
FAMILY_NAMES = (
    "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Hernández",
    "Wilson", "Nguyễn", "Kim", "Patel", "O'Brien", "Müller", "Okafor", "Chen", "Singh",
    "Novak", "Haddad", "Yamamoto",
)  # fmt: skip
MIDDLE_NAMES = ("", "", "", "A", "J", "Marie", "Lee", "Grace", "Ray")
STATES = ("CA", "TX", "NY", "FL", "IL", "WA", "AZ", "GA")
CITIES = ("Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Salem")


@dataclass(slots=True)
class ClassPlan:
    """One class and the contiguous block of its grade's students it draws from."""

    sourced_id: str
    school_id: str
    grade: str
    course_id: str
    subject: int
    section: int
    teacher_id: str
    terms: tuple[str, ...]
    size: int
    first_offset: int  # where in the grade's student block this class starts
    block_start: int  # global index of the grade's first student
    block_size: int


@dataclass(slots=True)
class SchoolPlan:
    index: int
    sourced_id: str
    band: int
    first_student: int
    students_per_grade: list[int]
    teachers: list[str]
    classes: list[ClassPlan] = field(default_factory=list)
    courses: list[tuple[str, str, int]] = field(default_factory=list)  # (id, grade, subject)

    @property
    def grades(self) -> tuple[str, ...]:
        return GRADE_BANDS[self.band]


@dataclass(slots=True)
class District:
    enrollments: int
    schools: list[SchoolPlan]
    student_count: int
    student_school: list[int]  # school index of each student
    student_grade: list[str]


# ---------------------------------------------------------- layout (pure arithmetic)


def split_evenly(total: int, parts: int) -> list[int]:
    """Integer parts that differ by at most one and add up to total."""
    return [total * (i + 1) // parts - total * i // parts for i in range(parts)]


def split_by_weight(total: int, weights: list[int]) -> list[int]:
    """Integer parts proportional to weights, adding up to total (cumulative rounding)."""
    whole = sum(weights)
    bounds, running = [0], 0
    for weight in weights:
        running += weight
        bounds.append(total * running // whole)
    return [b - a for a, b in itertools.pairwise(bounds)]


def class_count(enrollments: int, students: int) -> int:
    """Classes for one grade: ~25 students each, never more seats than the grade has."""
    wanted = max(1, round(enrollments / ENROLLMENTS_PER_CLASS))
    # n - c student seats spread over c classes of at most `students` seats each.
    return max(wanted, math.ceil(enrollments / (students + 1)))


def plan_district(enrollments: int) -> District:
    students = round(enrollments / ENROLLMENTS_PER_STUDENT)
    school_sizes = split_evenly(students, max(1, round(students / STUDENTS_PER_SCHOOL)))
    school_enrollments = split_by_weight(enrollments, school_sizes)
    schools, student_school, student_grade = [], [], []
    first = 0
    for index, size in enumerate(school_sizes):
        band = index % len(GRADE_BANDS)
        per_grade = split_evenly(size, len(GRADE_BANDS[band]))
        teacher_count = max(1, round(size / STUDENTS_PER_TEACHER))
        teachers = [f"tch-{index + 1:04d}-{t + 1:03d}" for t in range(teacher_count)]
        school = SchoolPlan(index, f"org-school-{index + 1:04d}", band, first, per_grade, teachers)
        plan_classes(school, split_by_weight(school_enrollments[index], per_grade))
        schools.append(school)
        for grade, count in zip(school.grades, per_grade, strict=True):
            student_school.extend([index] * count)
            student_grade.extend([grade] * count)
        first += size
    return District(enrollments, schools, students, student_school, student_grade)


def plan_classes(school: SchoolPlan, grade_enrollments: list[int]) -> None:
    """Cut each grade's enrollments into classes, and courses (one per subject)."""
    block_start = school.first_student
    for grade, students, total in zip(school.grades, school.students_per_grade, grade_enrollments, strict=True):
        count = class_count(total, students)
        offset = 0
        for number, size in enumerate(split_evenly(total - count, count)):
            subject = number % len(SUBJECTS)
            course_id = f"crs-{school.index + 1:04d}-{grade}-{SUBJECTS[subject][1]}"
            if number < len(SUBJECTS):
                school.courses.append((course_id, grade, subject))
            class_id = f"cls-{school.index + 1:04d}-{grade}-{number + 1:03d}"
            teacher = school.teachers[len(school.classes) % len(school.teachers)]
            terms = TERM_CHOICES[number % len(TERM_CHOICES)]
            school.classes.append(
                ClassPlan(
                    class_id,
                    school.sourced_id,
                    grade,
                    course_id,
                    subject,
                    number // len(SUBJECTS) + 1,
                    teacher,
                    terms,
                    size,
                    offset,
                    block_start,
                    students,
                )
            )
            offset = (offset + size) % students
        block_start += students


# ---------------------------------------------------------- CSV helpers


def quote(value: str) -> str:
    """RFC 4180 quoting for the few generated values that may hold a comma or quote."""
    if "," in value or '"' in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def line(values: Iterable[str]) -> str:
    return ",".join(values) + NEWLINE


def record(file: str, /, **values: str) -> str:
    """One line of `file` from column=value; other columns stay empty (NULL).

    Naming the columns keeps each row readable and its order right by construction;
    bulk files leave status and dateLastModified empty simply by not naming them.
    """
    cells = [values.pop(column, "") for column in COLUMNS[file]]
    if values:  # a misspelt column would otherwise vanish silently
        raise KeyError(f"{file} has no column(s) {sorted(values)}")
    return line(cells)


def write_file(outdir: Path, name: str, rows: Iterable[str]) -> int:
    """Write header + pre-joined rows; return the number of data rows."""
    count = 0
    with open(outdir / name, "w", encoding="utf-8", newline="") as handle:
        handle.write(line(COLUMNS[name]))
        for text, size in batched_join(rows):
            handle.write(text)
            count += size
    return count


def batched_join(rows: Iterable[str], size: int = 50_000) -> Iterator[tuple[str, int]]:
    """Join rows in batches: one big write per batch is much faster than one per row."""
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield "".join(batch), len(batch)
            batch = []
    if batch:
        yield "".join(batch), len(batch)


def ascii_slug(name: str) -> str:
    """Lower-case ASCII for usernames and e-mails (José -> jose, O'Brien -> obrien)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


SLUGS = {name: ascii_slug(name) for name in GIVEN_NAMES + FAMILY_NAMES}


# ---------------------------------------------------------- small files


def org_rows(district: District) -> Iterator[str]:
    yield record(
        "orgs.csv",
        sourcedId=DISTRICT_ID,
        name="Synthetic Unified School District",
        type="district",
        identifier="D0001",
    )
    for school in district.schools:
        yield record(
            "orgs.csv",
            sourcedId=school.sourced_id,
            name=f"School {school.index + 1} {BAND_NAMES[school.band]}",
            type="school",
            identifier=f"S{school.index + 1:04d}",
            parentSourcedId=DISTRICT_ID,
        )


def session_rows() -> Iterator[str]:
    for sourced_id, title, kind, start, end, parent in SESSIONS:
        yield record(
            "academicSessions.csv",
            sourcedId=sourced_id,
            title=title,
            type=kind,
            startDate=start,
            endDate=end,
            parentSourcedId=parent,
            schoolYear=SCHOOL_YEAR,
        )


def course_rows(district: District) -> Iterator[str]:
    for school in district.schools:
        for course_id, grade, subject in school.courses:
            name, code = SUBJECTS[subject]
            yield record(
                "courses.csv",
                sourcedId=course_id,
                schoolYearSourcedId=YEAR_ID,
                title=f"{name} {grade}",
                courseCode=f"{code}-{grade}",
                grades=grade,
                orgSourcedId=school.sourced_id,
                subjects=name,
            )


def class_rows(district: District) -> Iterator[str]:
    for school in district.schools:
        for plan in school.classes:
            name, code = SUBJECTS[plan.subject]
            yield record(
                "classes.csv",
                sourcedId=plan.sourced_id,
                title=f"{name} {plan.grade} - Section {plan.section}",
                grades=plan.grade,
                courseSourcedId=plan.course_id,
                classCode=f"{code}-{plan.grade}-{plan.section:02d}",
                classType="scheduled",
                location=f"Room {100 + plan.section + 10 * plan.subject}",
                schoolSourcedId=plan.school_id,
                termSourcedIds=quote(",".join(plan.terms)),
                subjects=name,
                periods=str(1 + (plan.section + plan.subject) % 8),
            )


def manifest_rows() -> Iterator[str]:
    yield line(("manifest.version", "1.0"))
    yield line(("oneroster.version", "1.1"))
    files = sorted([name.removesuffix(".csv") for name in COLUMNS] + list(ABSENT_FILES))
    for name in files:
        yield line((f"file.{name}", "absent" if name in ABSENT_FILES else "bulk"))
    yield line(("source.systemName", "oneroster-lint benchmark generator"))
    yield line(("source.systemCode", "generate_district"))


def write_manifest(outdir: Path) -> int:
    rows = list(manifest_rows())
    with open(outdir / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        handle.write(line(("propertyName", "value")))
        handle.writelines(rows)
    return len(rows)


# ---------------------------------------------------------- people


@dataclass(slots=True)
class People:
    """Names and family links, drawn once so users.csv and demographics.csv agree."""

    student_given: list[str]
    student_middle: list[str]
    parent_given: list[str]
    parent_family: list[str]  # a student takes the family name of their parent
    parent_count: int


def draw_people(district: District, seed: int) -> People:
    rng = random.Random(f"people:{seed}")
    students = district.student_count
    parents = math.ceil(students / 2)
    return People(
        rng.choices(GIVEN_NAMES, k=students),
        rng.choices(MIDDLE_NAMES, k=students),
        rng.choices(GIVEN_NAMES, k=parents),
        rng.choices(FAMILY_NAMES, k=parents),
        parents,
    )


def student_id(index: int) -> str:
    return f"stu-{index + 1:07d}"


def parent_id(index: int) -> str:
    return f"par-{index + 1:07d}"


def children_of(parent: int, people: People, students: int) -> list[int]:
    """Parent p has students p and p + P: siblings usually in different schools."""
    second = parent + people.parent_count
    return [parent, second] if second < students else [parent]


def student_rows(district: District, people: People) -> Iterator[str]:
    for index in range(district.student_count):
        given = people.student_given[index]
        family = people.parent_family[index % people.parent_count]
        username = f"{SLUGS[given]}.{SLUGS[family]}{index + 1}"
        yield record(
            "users.csv",
            sourcedId=student_id(index),
            enabledUser="true",
            orgSourcedIds=district.schools[district.student_school[index]].sourced_id,
            role="student",
            username=username,
            userIds=f"{{SIS:{1000000 + index + 1}}}",
            givenName=given,
            familyName=family,
            middleName=people.student_middle[index],
            identifier=str(1000000 + index + 1),
            email=f"{username}@students.{EMAIL_DOMAIN}",
            agentSourcedIds=parent_id(index % people.parent_count),
            grades=district.student_grade[index],
        )


def teacher_rows(district: District, seed: int) -> Iterator[str]:
    rng = random.Random(f"teachers:{seed}")
    number = 0
    for school in district.schools:
        for teacher in school.teachers:
            number += 1
            given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
            username = f"{SLUGS[given]}.{SLUGS[family]}.t{number}"
            yield record(
                "users.csv",
                sourcedId=teacher,
                enabledUser="true",
                orgSourcedIds=school.sourced_id,
                role="teacher",
                username=username,
                userIds=f"{{LDAP:{username}}}",
                givenName=given,
                familyName=family,
                identifier=f"T{number:06d}",
                email=f"{username}@{EMAIL_DOMAIN}",
                phone=f"+1555{number:07d}",
            )


def parent_rows(district: District, people: People) -> Iterator[str]:
    for index in range(people.parent_count):
        children = children_of(index, people, district.student_count)
        schools = sorted({district.student_school[child] for child in children})
        given, family = people.parent_given[index], people.parent_family[index]
        username = f"{SLUGS[given]}.{SLUGS[family]}.p{index + 1}"
        phone = f"+1556{index + 1:07d}"
        yield record(
            "users.csv",
            sourcedId=parent_id(index),
            enabledUser="true",
            # A parent belongs to every school one of their children attends.
            orgSourcedIds=quote(",".join(district.schools[s].sourced_id for s in schools)),
            role="guardian" if index % 10 == 9 else "parent",
            username=username,
            givenName=given,
            familyName=family,
            email=f"{username}@parents.{EMAIL_DOMAIN}",
            sms=phone,
            phone=phone,
            agentSourcedIds=quote(",".join(student_id(child) for child in children)),
        )


def user_rows(district: District, people: People, seed: int) -> Iterator[str]:
    yield from student_rows(district, people)
    yield from teacher_rows(district, seed)
    yield from parent_rows(district, people)


def demographic_rows(district: District, seed: int) -> Iterator[str]:
    rng = random.Random(f"demographics:{seed}")
    flags = ("false", "true")
    races = (
        "americanIndianOrAlaskaNative",
        "asian",
        "blackOrAfricanAmerican",
        "nativeHawaiianOrOtherPacificIslander",
        "white",
    )
    for index in range(district.student_count):
        grade = district.student_grade[index]
        level = 0 if grade == "KG" else int(grade)
        # Age 5 + level on 1 Sep 2025: born Sep (2019 - level) .. Aug (2020 - level).
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        year = 2020 - level - (1 if month >= 9 else 0)
        chosen = {rng.choice(races)}
        if rng.random() < 0.05:
            chosen.add(rng.choice(races))
        yield record(
            "demographics.csv",
            sourcedId=student_id(index),
            birthDate=f"{year}-{month:02d}-{day:02d}",
            sex="female" if rng.random() < 0.5 else "male",
            **{race: flags[race in chosen] for race in races},
            demographicRaceTwoOrMoreRaces=flags[len(chosen) > 1],
            hispanicOrLatinoEthnicity=flags[rng.random() < 0.25],
            countryOfBirthCode="US",
            stateOfBirthAbbreviation=rng.choice(STATES),
            cityOfBirth=rng.choice(CITIES),
        )


# ---------------------------------------------------------- enrollments and damage

DAMAGE_KINDS = ("bad-date", "missing-class", "duplicate-id")
# One finding per row and nothing else: a bad date breaks no reference, unlike the other kinds.
EVERY_ROW_KIND = "bad-date"


def plan_damage(total: int, count: int, seed: int) -> dict[int, str]:
    """Row index -> damage kind, from its own RNG so the clean rows never change."""
    if count > total:
        raise ValueError(f"--damage {count} exceeds the {total} enrollments")
    rng = random.Random(f"damage:{seed}")
    rows = sorted(rng.sample(range(total), count))
    return {row: DAMAGE_KINDS[n % len(DAMAGE_KINDS)] for n, row in enumerate(rows)}


class EveryRow(Mapping[int, str]):
    """A damage plan naming one kind for every row, without a dict of millions of entries."""

    def __init__(self, kind: str, total: int) -> None:
        self.kind, self.total = kind, total

    def __getitem__(self, index: int) -> str:
        if 0 <= index < self.total:
            return self.kind
        raise KeyError(index)

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.total))


def choose_damage(total: int, damage: int, broken_every_row: bool, seed: int) -> Mapping[int, str]:
    """The rows to damage: N seeded ones, every one, or none."""
    if not broken_every_row:
        return plan_damage(total, damage, seed)
    if damage:
        raise ValueError("--damage and --broken-every-row are exclusive: every row is already damaged")
    return EveryRow(EVERY_ROW_KIND, total)


def enrollment_id(index: int) -> str:
    return f"enr-{index + 1:08d}"


# enrollments.csv is the one big file (2M rows): its line is laid out once by record(),
# so the column order stays right, with positional str.format slots filled per row.
ENROLLMENT_SLOTS = (
    "sourcedId",
    "classSourcedId",
    "schoolSourcedId",
    "userSourcedId",
    "role",
    "primary",
    "beginDate",
    "endDate",
)
ENROLLMENT_LINE = record("enrollments.csv", **{slot: f"{{{i}}}" for i, slot in enumerate(ENROLLMENT_SLOTS)})


@functools.cache  # a handful of distinct dates, rewritten for every row by --broken-every-row
def excel_date(iso: str) -> str:
    """2025-08-18 -> 8/18/2025, what Excel writes back into a CSV it opened."""
    year, month, day = iso.split("-")
    return f"{int(month)}/{int(day)}/{year}"


def damage_enrollment(index: int, kind: str, values: list[str]) -> list[str]:
    """Return the enrollment's values with one injected error."""
    fields = dict(zip(ENROLLMENT_SLOTS, values, strict=True))
    if kind == "bad-date":
        fields["beginDate"] = excel_date(fields["beginDate"])
    elif kind == "missing-class":
        fields["classSourcedId"] = f"cls-missing-{index + 1}"
    else:  # duplicate-id: repeat a neighbour's sourcedId
        fields["sourcedId"] = enrollment_id(index - 1 if index else index + 1)
    return list(fields.values())


def class_members(plan: ClassPlan) -> Iterator[tuple[str, str, str]]:
    """(user, role, primary): the primary teacher, then a run of the grade's students."""
    yield plan.teacher_id, "teacher", "true"
    for k in range(plan.size):
        student = plan.block_start + (plan.first_offset + k) % plan.block_size
        yield student_id(student), "student", "false"


def enrollment_rows(district: District, damage: Mapping[int, str]) -> Iterator[str]:
    index = 0
    for school in district.schools:
        for plan in school.classes:
            # Enrolled for the whole span of the class's terms.
            begin = SESSION_DATES[plan.terms[0]][0]
            end = SESSION_DATES[plan.terms[-1]][1]
            for user, role, primary in class_members(plan):
                values = [
                    enrollment_id(index),
                    plan.sourced_id,
                    plan.school_id,
                    user,
                    role,
                    primary,
                    begin,
                    end,
                ]  # in ENROLLMENT_SLOTS order
                if index in damage:
                    values = damage_enrollment(index, damage[index], values)
                yield ENROLLMENT_LINE.format(*values)
                index += 1


# ---------------------------------------------------------- entry points


def generate(
    outdir: Path,
    enrollments: int,
    seed: int = 1,
    damage: int = 0,
    broken_every_row: bool = False,
) -> dict[str, int]:
    """Write the package into outdir; return the number of data rows per file."""
    if enrollments < MIN_ENROLLMENTS:
        raise ValueError(f"--enrollments must be at least {MIN_ENROLLMENTS}")
    outdir.mkdir(parents=True, exist_ok=True)
    district = plan_district(enrollments)
    people = draw_people(district, seed)
    damage_plan = choose_damage(enrollments, damage, broken_every_row, seed)
    rows = {
        "orgs.csv": org_rows(district),
        "academicSessions.csv": session_rows(),
        "courses.csv": course_rows(district),
        "classes.csv": class_rows(district),
        "users.csv": user_rows(district, people, seed),
        "demographics.csv": demographic_rows(district, seed),
        "enrollments.csv": enrollment_rows(district, damage_plan),
    }
    counts = {"manifest.csv": write_manifest(outdir)}
    for name, generator in rows.items():
        counts[name] = write_file(outdir, name, generator)
    return counts


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write the CSV files into")
    parser.add_argument(
        "--enrollments",
        type=int,
        default=200_000,
        help="exact number of enrollment rows (default 200000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    damaged = parser.add_mutually_exclusive_group()
    damaged.add_argument(
        "--damage",
        type=int,
        default=0,
        metavar="N",
        help="inject N deterministic errors into enrollments.csv",
    )
    damaged.add_argument(
        "--broken-every-row",
        action="store_true",
        help="give every enrollment an Excel-style beginDate: one finding per enrollment",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        counts = generate(args.outdir, args.enrollments, args.seed, args.damage, args.broken_every_row)
    except ValueError as error:
        print(f"generate_district: {error}", file=sys.stderr)
        return 2
    print(
        json.dumps(
            {
                "outdir": str(args.outdir),
                "seed": args.seed,
                "damage": args.damage,
                "broken_every_row": args.broken_every_row,
                "rows": counts,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
