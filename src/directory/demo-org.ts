/**
 * A deterministic generator of a realistic demo organisation: a bank of 1 to 1,000,000 people
 * with divisions, departments, regions, countries, real cities with their IANA time zones and
 * BCP 47 locales, a manager hierarchy with realistic spans of control, job titles by level,
 * grades, employment types, hire dates, tags and a few custom attributes.
 *
 * The same `seed`, `people` and `today` always give the same organisation (a small seeded PRNG,
 * never `Math.random`). The records come out top-down: every `managerId` is the `externalId` of
 * a person earlier in the sequence, and the first person is the CEO (the only one without a
 * manager).
 */
import type { PersonRecord } from "./person.js";

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

/** The regions of the demo organisation, in a stable order. */
export const demoRegions = [
  "North America",
  "Latin America",
  "Europe",
  "Middle East & Africa",
  "Asia Pacific",
] as const;
export type DemoRegion = (typeof demoRegions)[number];

/** One country where the demo organisation employs people. */
export interface DemoCountry {
  /** ISO 3166-1 alpha-2 code, e.g. "DE"; this is what `PersonRecord.country` holds. */
  code: string;
  name: string;
  region: DemoRegion;
  /** The distinct IANA time zones of the country's cities. */
  timeZones: string[];
  /** BCP 47 locales used there, the most common first. */
  locales: string[];
  /** Real cities (the `location` of a person) with their IANA time zone. */
  cities: { name: string; timeZone: string }[];
}

/** The e-mail domain of the demo organisation (a reserved `.example` domain: nothing is sent). */
export const demoEmailDomain = "meridianbank.example";

/** People hired at most this many days before `today` are tagged "new-joiner". */
export const newJoinerDays = 90;

/** The largest organisation the generator accepts. */
export const maxDemoOrgPeople = 1_000_000;

/** The tags the generator uses, sorted. */
export const demoTags = [
  "contractor",
  "frontline",
  "new-joiner",
  "no-email",
  "people-manager",
  "regulated",
] as const;

/** Every combination of demo tags (bit i = demoTags[i]), each sorted; copied into records. */
const tagSets: string[][] = Array.from({ length: 1 << demoTags.length }, (_, mask) =>
  demoTags.filter((_, bit) => (mask & (1 << bit)) !== 0),
);

type NameGroupKey =
  | "english"
  | "german"
  | "french"
  | "dutch"
  | "spanish"
  | "portuguese"
  | "italian"
  | "polish"
  | "swedish"
  | "arabic"
  | "southAfrican"
  | "nigerian"
  | "kenyan"
  | "indian"
  | "chinese"
  | "cantonese"
  | "japanese"
  | "korean"
  | "filipino"
  | "malay"
  | "indonesian";

interface CitySpec {
  name: string;
  timeZone: string;
  weight: number;
  /** Overrides the country's main locale (e.g. Montréal → fr-CA). */
  locale?: string;
}

interface CountrySpec {
  code: string;
  name: string;
  region: DemoRegion;
  /** Relative size of the workforce there. */
  weight: number;
  locales: string[];
  names: [NameGroupKey, number][];
  cities: CitySpec[];
  /** Employees there may be represented by a works council (custom attribute). */
  worksCouncil?: boolean;
}

const countrySpecs: CountrySpec[] = [
  // North America
  {
    code: "US",
    name: "United States",
    region: "North America",
    weight: 22,
    locales: ["en-US", "es-US"],
    names: [
      ["english", 78],
      ["spanish", 10],
      ["indian", 5],
      ["chinese", 4],
      ["korean", 3],
    ],
    cities: [
      { name: "New York", timeZone: "America/New_York", weight: 30 },
      { name: "Charlotte", timeZone: "America/New_York", weight: 14 },
      { name: "Chicago", timeZone: "America/Chicago", weight: 14 },
      { name: "Dallas", timeZone: "America/Chicago", weight: 10 },
      { name: "Denver", timeZone: "America/Denver", weight: 5 },
      { name: "Phoenix", timeZone: "America/Phoenix", weight: 6 },
      { name: "Los Angeles", timeZone: "America/Los_Angeles", weight: 9 },
      { name: "San Francisco", timeZone: "America/Los_Angeles", weight: 8 },
      { name: "Honolulu", timeZone: "Pacific/Honolulu", weight: 1 },
    ],
  },
  {
    code: "CA",
    name: "Canada",
    region: "North America",
    weight: 3,
    locales: ["en-CA", "fr-CA"],
    names: [
      ["english", 65],
      ["french", 20],
      ["chinese", 8],
      ["indian", 7],
    ],
    cities: [
      { name: "Toronto", timeZone: "America/Toronto", weight: 50 },
      { name: "Montréal", timeZone: "America/Toronto", weight: 22, locale: "fr-CA" },
      { name: "Vancouver", timeZone: "America/Vancouver", weight: 18 },
      { name: "Calgary", timeZone: "America/Edmonton", weight: 10 },
    ],
  },
  // Latin America
  {
    code: "MX",
    name: "Mexico",
    region: "Latin America",
    weight: 2.5,
    locales: ["es-MX"],
    names: [["spanish", 1]],
    cities: [
      { name: "Mexico City", timeZone: "America/Mexico_City", weight: 60 },
      { name: "Monterrey", timeZone: "America/Monterrey", weight: 25 },
      { name: "Guadalajara", timeZone: "America/Mexico_City", weight: 15 },
    ],
  },
  {
    code: "BR",
    name: "Brazil",
    region: "Latin America",
    weight: 3,
    locales: ["pt-BR"],
    names: [["portuguese", 1]],
    cities: [
      { name: "São Paulo", timeZone: "America/Sao_Paulo", weight: 65 },
      { name: "Rio de Janeiro", timeZone: "America/Sao_Paulo", weight: 25 },
      { name: "Belo Horizonte", timeZone: "America/Sao_Paulo", weight: 10 },
    ],
  },
  {
    code: "AR",
    name: "Argentina",
    region: "Latin America",
    weight: 0.8,
    locales: ["es-AR"],
    names: [
      ["spanish", 85],
      ["italian", 15],
    ],
    cities: [{ name: "Buenos Aires", timeZone: "America/Argentina/Buenos_Aires", weight: 1 }],
  },
  {
    code: "CO",
    name: "Colombia",
    region: "Latin America",
    weight: 0.8,
    locales: ["es-CO"],
    names: [["spanish", 1]],
    cities: [
      { name: "Bogotá", timeZone: "America/Bogota", weight: 70 },
      { name: "Medellín", timeZone: "America/Bogota", weight: 30 },
    ],
  },
  {
    code: "CL",
    name: "Chile",
    region: "Latin America",
    weight: 0.6,
    locales: ["es-CL"],
    names: [["spanish", 1]],
    cities: [{ name: "Santiago", timeZone: "America/Santiago", weight: 1 }],
  },
  // Europe
  {
    code: "GB",
    name: "United Kingdom",
    region: "Europe",
    weight: 12,
    locales: ["en-GB"],
    names: [
      ["english", 82],
      ["indian", 8],
      ["polish", 4],
      ["chinese", 3],
      ["nigerian", 3],
    ],
    cities: [
      { name: "London", timeZone: "Europe/London", weight: 55 },
      { name: "Edinburgh", timeZone: "Europe/London", weight: 12 },
      { name: "Manchester", timeZone: "Europe/London", weight: 12 },
      { name: "Birmingham", timeZone: "Europe/London", weight: 9 },
      { name: "Glasgow", timeZone: "Europe/London", weight: 7 },
      { name: "Leeds", timeZone: "Europe/London", weight: 5 },
    ],
  },
  {
    code: "IE",
    name: "Ireland",
    region: "Europe",
    weight: 1.5,
    locales: ["en-IE"],
    names: [
      ["english", 88],
      ["polish", 7],
      ["portuguese", 5],
    ],
    cities: [
      { name: "Dublin", timeZone: "Europe/Dublin", weight: 85 },
      { name: "Cork", timeZone: "Europe/Dublin", weight: 15 },
    ],
  },
  {
    code: "DE",
    name: "Germany",
    region: "Europe",
    weight: 4,
    locales: ["de-DE", "en-DE"],
    names: [
      ["german", 88],
      ["polish", 5],
      ["italian", 4],
      ["english", 3],
    ],
    cities: [
      { name: "Frankfurt am Main", timeZone: "Europe/Berlin", weight: 45 },
      { name: "Munich", timeZone: "Europe/Berlin", weight: 18 },
      { name: "Berlin", timeZone: "Europe/Berlin", weight: 15 },
      { name: "Hamburg", timeZone: "Europe/Berlin", weight: 12 },
      { name: "Düsseldorf", timeZone: "Europe/Berlin", weight: 10 },
    ],
    worksCouncil: true,
  },
  {
    code: "FR",
    name: "France",
    region: "Europe",
    weight: 3.5,
    locales: ["fr-FR"],
    names: [
      ["french", 88],
      ["arabic", 6],
      ["portuguese", 3],
      ["spanish", 3],
    ],
    cities: [
      { name: "Paris", timeZone: "Europe/Paris", weight: 70 },
      { name: "Lyon", timeZone: "Europe/Paris", weight: 18 },
      { name: "Lille", timeZone: "Europe/Paris", weight: 12 },
    ],
    worksCouncil: true,
  },
  {
    code: "NL",
    name: "Netherlands",
    region: "Europe",
    weight: 1.5,
    locales: ["nl-NL", "en-NL"],
    names: [
      ["dutch", 90],
      ["german", 4],
      ["english", 3],
      ["indian", 3],
    ],
    cities: [
      { name: "Amsterdam", timeZone: "Europe/Amsterdam", weight: 70 },
      { name: "Rotterdam", timeZone: "Europe/Amsterdam", weight: 20 },
      { name: "Utrecht", timeZone: "Europe/Amsterdam", weight: 10 },
    ],
    worksCouncil: true,
  },
  {
    code: "BE",
    name: "Belgium",
    region: "Europe",
    weight: 0.8,
    locales: ["fr-BE", "nl-BE"],
    names: [
      ["dutch", 55],
      ["french", 45],
    ],
    cities: [
      { name: "Brussels", timeZone: "Europe/Brussels", weight: 70, locale: "fr-BE" },
      { name: "Antwerp", timeZone: "Europe/Brussels", weight: 30, locale: "nl-BE" },
    ],
  },
  {
    code: "CH",
    name: "Switzerland",
    region: "Europe",
    weight: 1.5,
    locales: ["de-CH", "fr-CH", "it-CH"],
    names: [
      ["german", 62],
      ["french", 25],
      ["italian", 8],
      ["english", 5],
    ],
    cities: [
      { name: "Zurich", timeZone: "Europe/Zurich", weight: 65, locale: "de-CH" },
      { name: "Geneva", timeZone: "Europe/Zurich", weight: 30, locale: "fr-CH" },
      { name: "Lugano", timeZone: "Europe/Zurich", weight: 5, locale: "it-CH" },
    ],
  },
  {
    code: "LU",
    name: "Luxembourg",
    region: "Europe",
    weight: 0.4,
    locales: ["fr-LU", "de-LU", "en-LU"],
    names: [
      ["french", 45],
      ["german", 25],
      ["portuguese", 20],
      ["english", 10],
    ],
    cities: [{ name: "Luxembourg", timeZone: "Europe/Luxembourg", weight: 1 }],
  },
  {
    code: "ES",
    name: "Spain",
    region: "Europe",
    weight: 2,
    locales: ["es-ES", "ca-ES"],
    names: [["spanish", 1]],
    cities: [
      { name: "Madrid", timeZone: "Europe/Madrid", weight: 60 },
      { name: "Barcelona", timeZone: "Europe/Madrid", weight: 35, locale: "es-ES" },
      { name: "Las Palmas de Gran Canaria", timeZone: "Atlantic/Canary", weight: 5 },
    ],
  },
  {
    code: "PT",
    name: "Portugal",
    region: "Europe",
    weight: 0.8,
    locales: ["pt-PT"],
    names: [["portuguese", 1]],
    cities: [
      { name: "Lisbon", timeZone: "Europe/Lisbon", weight: 70 },
      { name: "Porto", timeZone: "Europe/Lisbon", weight: 30 },
    ],
  },
  {
    code: "IT",
    name: "Italy",
    region: "Europe",
    weight: 1.5,
    locales: ["it-IT"],
    names: [["italian", 1]],
    cities: [
      { name: "Milan", timeZone: "Europe/Rome", weight: 70 },
      { name: "Rome", timeZone: "Europe/Rome", weight: 30 },
    ],
  },
  {
    code: "PL",
    name: "Poland",
    region: "Europe",
    weight: 3,
    locales: ["pl-PL", "en-PL"],
    names: [["polish", 1]],
    cities: [
      { name: "Warsaw", timeZone: "Europe/Warsaw", weight: 50 },
      { name: "Kraków", timeZone: "Europe/Warsaw", weight: 30 },
      { name: "Wrocław", timeZone: "Europe/Warsaw", weight: 20 },
    ],
  },
  {
    code: "SE",
    name: "Sweden",
    region: "Europe",
    weight: 0.7,
    locales: ["sv-SE"],
    names: [["swedish", 1]],
    cities: [
      { name: "Stockholm", timeZone: "Europe/Stockholm", weight: 80 },
      { name: "Gothenburg", timeZone: "Europe/Stockholm", weight: 20 },
    ],
  },
  // Middle East & Africa
  {
    code: "AE",
    name: "United Arab Emirates",
    region: "Middle East & Africa",
    weight: 1.2,
    locales: ["en-AE", "ar-AE"],
    names: [
      ["arabic", 45],
      ["indian", 35],
      ["english", 15],
      ["filipino", 5],
    ],
    cities: [
      { name: "Dubai", timeZone: "Asia/Dubai", weight: 75 },
      { name: "Abu Dhabi", timeZone: "Asia/Dubai", weight: 25 },
    ],
  },
  {
    code: "SA",
    name: "Saudi Arabia",
    region: "Middle East & Africa",
    weight: 0.6,
    locales: ["ar-SA", "en-SA"],
    names: [
      ["arabic", 85],
      ["indian", 10],
      ["english", 5],
    ],
    cities: [
      { name: "Riyadh", timeZone: "Asia/Riyadh", weight: 75 },
      { name: "Jeddah", timeZone: "Asia/Riyadh", weight: 25 },
    ],
  },
  {
    code: "EG",
    name: "Egypt",
    region: "Middle East & Africa",
    weight: 0.5,
    locales: ["ar-EG", "en-EG"],
    names: [["arabic", 1]],
    cities: [{ name: "Cairo", timeZone: "Africa/Cairo", weight: 1 }],
  },
  {
    code: "ZA",
    name: "South Africa",
    region: "Middle East & Africa",
    weight: 1.5,
    locales: ["en-ZA", "af-ZA"],
    names: [
      ["southAfrican", 80],
      ["english", 12],
      ["indian", 8],
    ],
    cities: [
      { name: "Johannesburg", timeZone: "Africa/Johannesburg", weight: 65 },
      { name: "Cape Town", timeZone: "Africa/Johannesburg", weight: 35 },
    ],
  },
  {
    code: "NG",
    name: "Nigeria",
    region: "Middle East & Africa",
    weight: 0.5,
    locales: ["en-NG"],
    names: [["nigerian", 1]],
    cities: [{ name: "Lagos", timeZone: "Africa/Lagos", weight: 1 }],
  },
  {
    code: "KE",
    name: "Kenya",
    region: "Middle East & Africa",
    weight: 0.4,
    locales: ["en-KE", "sw-KE"],
    names: [["kenyan", 1]],
    cities: [{ name: "Nairobi", timeZone: "Africa/Nairobi", weight: 1 }],
  },
  // Asia Pacific
  {
    code: "IN",
    name: "India",
    region: "Asia Pacific",
    weight: 14,
    locales: ["en-IN", "hi-IN"],
    names: [["indian", 1]],
    cities: [
      { name: "Mumbai", timeZone: "Asia/Kolkata", weight: 25 },
      { name: "Bengaluru", timeZone: "Asia/Kolkata", weight: 25 },
      { name: "Pune", timeZone: "Asia/Kolkata", weight: 15 },
      { name: "Hyderabad", timeZone: "Asia/Kolkata", weight: 15 },
      { name: "Chennai", timeZone: "Asia/Kolkata", weight: 12 },
      { name: "Gurugram", timeZone: "Asia/Kolkata", weight: 8 },
    ],
  },
  {
    code: "CN",
    name: "China",
    region: "Asia Pacific",
    weight: 2,
    locales: ["zh-CN"],
    names: [["chinese", 1]],
    cities: [
      { name: "Shanghai", timeZone: "Asia/Shanghai", weight: 55 },
      { name: "Beijing", timeZone: "Asia/Shanghai", weight: 30 },
      { name: "Shenzhen", timeZone: "Asia/Shanghai", weight: 15 },
    ],
  },
  {
    code: "HK",
    name: "Hong Kong",
    region: "Asia Pacific",
    weight: 2,
    locales: ["zh-HK", "en-HK"],
    names: [
      ["cantonese", 85],
      ["english", 10],
      ["indian", 5],
    ],
    cities: [{ name: "Hong Kong", timeZone: "Asia/Hong_Kong", weight: 1 }],
  },
  {
    code: "SG",
    name: "Singapore",
    region: "Asia Pacific",
    weight: 2.5,
    locales: ["en-SG", "zh-SG"],
    names: [
      ["cantonese", 55],
      ["malay", 15],
      ["indian", 18],
      ["english", 12],
    ],
    cities: [{ name: "Singapore", timeZone: "Asia/Singapore", weight: 1 }],
  },
  {
    code: "JP",
    name: "Japan",
    region: "Asia Pacific",
    weight: 2,
    locales: ["ja-JP"],
    names: [["japanese", 1]],
    cities: [
      { name: "Tokyo", timeZone: "Asia/Tokyo", weight: 80 },
      { name: "Osaka", timeZone: "Asia/Tokyo", weight: 20 },
    ],
  },
  {
    code: "KR",
    name: "South Korea",
    region: "Asia Pacific",
    weight: 0.8,
    locales: ["ko-KR"],
    names: [["korean", 1]],
    cities: [{ name: "Seoul", timeZone: "Asia/Seoul", weight: 1 }],
  },
  {
    code: "AU",
    name: "Australia",
    region: "Asia Pacific",
    weight: 3,
    locales: ["en-AU"],
    names: [
      ["english", 80],
      ["chinese", 8],
      ["indian", 7],
      ["italian", 5],
    ],
    cities: [
      { name: "Sydney", timeZone: "Australia/Sydney", weight: 45 },
      { name: "Melbourne", timeZone: "Australia/Melbourne", weight: 30 },
      { name: "Brisbane", timeZone: "Australia/Brisbane", weight: 15 },
      { name: "Perth", timeZone: "Australia/Perth", weight: 10 },
    ],
  },
  {
    code: "NZ",
    name: "New Zealand",
    region: "Asia Pacific",
    weight: 0.5,
    locales: ["en-NZ"],
    names: [
      ["english", 85],
      ["chinese", 8],
      ["indian", 7],
    ],
    cities: [
      { name: "Auckland", timeZone: "Pacific/Auckland", weight: 70 },
      { name: "Wellington", timeZone: "Pacific/Auckland", weight: 30 },
    ],
  },
  {
    code: "PH",
    name: "Philippines",
    region: "Asia Pacific",
    weight: 2.5,
    locales: ["en-PH", "fil-PH"],
    names: [["filipino", 1]],
    cities: [
      { name: "Manila", timeZone: "Asia/Manila", weight: 75 },
      { name: "Cebu City", timeZone: "Asia/Manila", weight: 25 },
    ],
  },
  {
    code: "MY",
    name: "Malaysia",
    region: "Asia Pacific",
    weight: 1.2,
    locales: ["ms-MY", "en-MY"],
    names: [
      ["malay", 60],
      ["cantonese", 25],
      ["indian", 15],
    ],
    cities: [
      { name: "Kuala Lumpur", timeZone: "Asia/Kuala_Lumpur", weight: 85 },
      { name: "Penang", timeZone: "Asia/Kuala_Lumpur", weight: 15 },
    ],
  },
  {
    code: "ID",
    name: "Indonesia",
    region: "Asia Pacific",
    weight: 0.8,
    locales: ["id-ID"],
    names: [["indonesian", 1]],
    cities: [{ name: "Jakarta", timeZone: "Asia/Jakarta", weight: 1 }],
  },
];

/** The countries of the demo organisation (ordered by region). */
export const demoCountries: readonly DemoCountry[] = countrySpecs.map((c) => ({
  code: c.code,
  name: c.name,
  region: c.region,
  timeZones: [...new Set(c.cities.map((city) => city.timeZone))],
  locales: [...c.locales],
  cities: c.cities.map((city) => ({ name: city.name, timeZone: city.timeZone })),
}));

/**
 * Given names (male, female) and family names per language group, comma separated. A family
 * name written "Kowalski/Kowalska" has a feminine form.
 */
const nameGroupSources: Record<NameGroupKey, { m: string; f: string; family: string }> = {
  english: {
    m: "James,John,Robert,Michael,William,David,Richard,Joseph,Thomas,Christopher,Daniel,Matthew,Anthony,Mark,Andrew,Joshua,Ryan,Oliver,Jack,Samuel,Benjamin,Liam,Noah,Ethan,George,Harry,Callum,Owen",
    f: "Mary,Patricia,Jennifer,Linda,Elizabeth,Barbara,Susan,Jessica,Sarah,Karen,Emily,Emma,Olivia,Sophie,Charlotte,Hannah,Grace,Amelia,Lucy,Chloe,Megan,Rachel,Laura,Ava,Isla,Zoe,Rebecca,Claire",
    family:
      "Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Anderson,Taylor,Thomas,Moore,Martin,Jackson,Thompson,White,Harris,Clark,Lewis,Robinson,Walker,Young,Allen,King,Wright,Scott,Hill,Green,Adams,Baker,Nelson,Campbell,Mitchell,Roberts,Evans,Turner,Phillips,Parker,Edwards,Collins,Stewart,Murphy,Cooper,Hughes,Bennett,O'Brien,Kelly,MacDonald",
  },
  german: {
    m: "Lukas,Leon,Maximilian,Jonas,Felix,Paul,Tobias,Jan,Florian,Stefan,Andreas,Michael,Thomas,Markus,Jürgen,Matthias,Sebastian,Niklas,Jörg,Björn,Uwe,Dirk,Moritz,Fabian",
    f: "Anna,Lena,Sophie,Laura,Julia,Katharina,Hannah,Lea,Sarah,Sabine,Claudia,Petra,Anja,Nicole,Birgit,Susanne,Johanna,Ute,Jana,Franziska,Kerstin,Miriam,Carolin,Bettina",
    family:
      "Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann,Schäfer,Koch,Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Braun,Krüger,Hofmann,Hartmann,Lange,Schmitt,Werner,Krause,Meier,Lehmann,Köhler,Huber,Kaiser,Fuchs,Vogel,Keller,Frank,Berger,Günther,Weiß",
  },
  french: {
    m: "Jean,Pierre,Nicolas,Julien,Thomas,Antoine,Mathieu,Louis,Hugo,François,Guillaume,Sébastien,Olivier,Théo,Benoît,Lucas,Maxime,Raphaël,Étienne,Jérôme,Arnaud,Cédric",
    f: "Marie,Camille,Léa,Manon,Chloé,Inès,Sophie,Élodie,Claire,Aurélie,Émilie,Céline,Juliette,Isabelle,Margaux,Hélène,Amélie,Nathalie,Anaïs,Pauline,Mathilde,Sandrine",
    family:
      "Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,Lefebvre,Michel,Garcia,David,Bertrand,Roux,Vincent,Fournier,Morel,Girard,André,Lefèvre,Mercier,Dupont,Lambert,Bonnet,François,Legrand,Garnier,Faure,Rousseau,Blanc,Guérin,Chevalier,Gauthier,Perrin",
  },
  dutch: {
    m: "Daan,Sem,Lucas,Levi,Finn,Milan,Thijs,Jesse,Bram,Ruben,Stijn,Joost,Pieter,Sander,Wouter,Koen,Maarten,Jeroen,Niels,Bart",
    f: "Emma,Julia,Sophie,Tess,Anna,Sanne,Lotte,Fleur,Eva,Lisa,Iris,Femke,Marieke,Anouk,Inge,Esther,Noor,Maaike,Eline,Floor",
    family:
      "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,de Wit,Dijkstra,Smits,de Graaf,van der Meer,van der Linden,Kok,Jacobs,de Haan,Vermeulen,van den Heuvel,Peeters,Maes,Claes,Willems,Wouters",
  },
  spanish: {
    m: "José,Juan,Carlos,Luis,Javier,Miguel,Alejandro,Diego,Fernando,Pablo,Andrés,Jorge,Daniel,Sergio,Manuel,Raúl,Alberto,Mateo,Santiago,Ricardo,Tomás,Héctor",
    f: "María,Carmen,Ana,Laura,Lucía,Sofía,Isabel,Paula,Elena,Marta,Valentina,Camila,Gabriela,Daniela,Patricia,Mariana,Natalia,Ximena,Valeria,Andrea,Paola,Verónica",
    family:
      "García,Rodríguez,González,Fernández,López,Martínez,Sánchez,Pérez,Gómez,Martín,Jiménez,Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Romero,Alonso,Gutiérrez,Navarro,Torres,Domínguez,Vázquez,Ramos,Gil,Ramírez,Flores,Castro,Ortiz,Morales,Vargas,Rojas,Herrera,Medina,Aguilar,Castillo,Mendoza,Silva,Núñez",
  },
  portuguese: {
    m: "João,Pedro,Lucas,Gabriel,Rafael,Gustavo,Felipe,Matheus,Bruno,Thiago,Rodrigo,Diego,Vinícius,André,Miguel,Tiago,Ricardo,Eduardo,Leonardo,Caio",
    f: "Maria,Ana,Beatriz,Mariana,Juliana,Camila,Larissa,Fernanda,Letícia,Amanda,Carolina,Isabela,Patrícia,Luísa,Inês,Rita,Sofia,Bianca,Gabriela,Renata",
    family:
      "Silva,Santos,Oliveira,Souza,Rodrigues,Ferreira,Alves,Pereira,Lima,Gomes,Costa,Ribeiro,Martins,Carvalho,Almeida,Lopes,Soares,Fernandes,Vieira,Barbosa,Rocha,Dias,Nascimento,Andrade,Moreira,Nunes,Marques,Machado,Mendes,Freitas,Cardoso,Gonçalves,Teixeira,Araújo,Correia,Pinto,Sousa,Conceição",
  },
  italian: {
    m: "Giuseppe,Marco,Alessandro,Luca,Andrea,Matteo,Francesco,Lorenzo,Davide,Simone,Stefano,Roberto,Giovanni,Riccardo,Paolo,Antonio,Federico,Niccolò",
    f: "Maria,Giulia,Francesca,Chiara,Sara,Martina,Valentina,Alessia,Elena,Federica,Silvia,Paola,Elisa,Laura,Beatrice,Anna,Giorgia,Ilaria",
    family:
      "Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,Mancini,Costa,Giordano,Rizzo,Lombardi,Moretti,Barbieri,Fontana,Santoro,Mariani,Rinaldi,Caruso,Ferrara,Galli,Martini,Leone,Longo,Gentile,Martinelli,Vitale",
  },
  polish: {
    m: "Piotr,Krzysztof,Tomasz,Paweł,Michał,Marcin,Łukasz,Jakub,Adam,Kamil,Mateusz,Bartosz,Wojciech,Grzegorz,Marek,Szymon,Rafał,Dariusz",
    f: "Anna,Maria,Katarzyna,Małgorzata,Agnieszka,Barbara,Ewa,Magdalena,Joanna,Aleksandra,Monika,Natalia,Karolina,Zofia,Justyna,Dorota,Beata,Weronika",
    family:
      "Nowak,Kowalski/Kowalska,Wiśniewski/Wiśniewska,Wójcik,Kowalczyk,Kamiński/Kamińska,Lewandowski/Lewandowska,Zieliński/Zielińska,Szymański/Szymańska,Woźniak,Dąbrowski/Dąbrowska,Kozłowski/Kozłowska,Jankowski/Jankowska,Mazur,Kwiatkowski/Kwiatkowska,Krawczyk,Piotrowski/Piotrowska,Grabowski/Grabowska,Pawłowski/Pawłowska,Michalski/Michalska,Nowicki/Nowicka,Adamczyk,Dudek,Zając,Wieczorek,Jabłoński/Jabłońska,Król,Majewski/Majewska,Olszewski/Olszewska,Kaczmarek,Sikora,Baran",
  },
  swedish: {
    m: "Erik,Lars,Karl,Anders,Johan,Per,Nils,Oscar,Gustav,Magnus,Henrik,Fredrik,Mikael,Axel",
    f: "Anna,Maria,Eva,Karin,Sara,Emma,Elin,Maja,Ida,Linnea,Sofia,Astrid,Ingrid,Frida",
    family:
      "Andersson,Johansson,Karlsson,Nilsson,Eriksson,Larsson,Olsson,Persson,Svensson,Gustafsson,Pettersson,Jonsson,Lindberg,Lindström,Bergström,Lundqvist,Holm,Sandberg,Forsberg,Sjöberg,Wallin,Engström,Åberg,Öberg",
  },
  arabic: {
    m: "Mohammed,Ahmed,Omar,Ali,Khalid,Youssef,Hassan,Abdullah,Tariq,Faisal,Karim,Saeed,Mustafa,Ibrahim,Nasser,Hamza,Rami,Sami",
    f: "Fatima,Aisha,Mariam,Noura,Layla,Huda,Sara,Reem,Amal,Dina,Rania,Hana,Yasmin,Salma,Lina,Nour,Rana,Maha",
    family:
      "Al-Mansouri,Al-Hashimi,Al-Qahtani,Al-Otaibi,Al-Zahrani,Al-Shamsi,Al-Harbi,Haddad,Khoury,Nasser,Hassan,Saleh,Mahmoud,Ibrahim,Abdallah,El-Sayed,Farouk,Mansour,Aziz,Rahman,Hamdan,Al-Suwaidi,Al-Falasi,Younis,Darwish,Fahmy,Mostafa,Khalil",
  },
  southAfrican: {
    m: "Thabo,Sipho,Bongani,Mandla,Themba,Kagiso,Pieter,Johan,Sibusiso,Lwazi,Tshepo,Jacques",
    f: "Lerato,Nomvula,Zanele,Naledi,Thandiwe,Palesa,Anele,Karabo,Lindiwe,Annelie,Refilwe,Marike",
    family:
      "Nkosi,Dlamini,Ndlovu,Khumalo,Mokoena,Mahlangu,Zulu,Mthembu,Sithole,Botha,van der Merwe,Pretorius,Naidoo,Pillay,Molefe,Mabaso,Radebe,van Wyk,Coetzee,Shabalala,Nel,Venter",
  },
  nigerian: {
    m: "Chinedu,Emeka,Oluwaseun,Tunde,Ifeanyi,Babajide,Obinna,Segun,Ikechukwu,Adebayo,Musa,Kelechi",
    f: "Ngozi,Chiamaka,Funmilayo,Adaeze,Folake,Amaka,Yetunde,Chioma,Temitope,Nneka,Aisha,Bukola",
    family:
      "Okafor,Adeyemi,Okonkwo,Balogun,Eze,Nwosu,Adebayo,Ogunleye,Obi,Ibrahim,Bello,Okeke,Uche,Afolabi,Olawale,Chukwu,Adewale,Nnamdi,Abubakar,Onyekachi",
  },
  kenyan: {
    m: "Brian,Kevin,Dennis,Collins,Samuel,Peter,David,Joseph,James,Daniel,Eric,Victor",
    f: "Wanjiru,Akinyi,Achieng,Njeri,Wambui,Faith,Mercy,Grace,Purity,Esther,Nafula,Atieno",
    family:
      "Mwangi,Otieno,Kamau,Odhiambo,Wanjiku,Kariuki,Njoroge,Ochieng,Kiprono,Mutua,Kibet,Onyango,Wafula,Chege,Omondi,Muthoni,Cheruiyot,Njenga,Kimani,Korir",
  },
  indian: {
    m: "Rahul,Amit,Arjun,Vikram,Rohan,Sanjay,Rajesh,Karthik,Aditya,Suresh,Anil,Vivek,Nikhil,Pranav,Siddharth,Manoj,Arun,Deepak,Harish,Venkat,Abhishek,Gaurav,Ravi,Varun",
    f: "Priya,Ananya,Kavya,Sneha,Pooja,Divya,Neha,Aishwarya,Lakshmi,Meera,Shreya,Anjali,Deepika,Swati,Nandini,Riya,Sunita,Radhika,Aarti,Ishita,Pallavi,Sakshi,Tanvi,Rekha",
    family:
      "Sharma,Patel,Singh,Kumar,Gupta,Reddy,Iyer,Nair,Rao,Mehta,Shah,Joshi,Desai,Menon,Pillai,Chatterjee,Banerjee,Mukherjee,Verma,Agarwal,Kulkarni,Bhat,Krishnan,Srinivasan,Subramanian,Malhotra,Kapoor,Chopra,Das,Ghosh,Jain,Mishra,Naidu,Pandey,Saxena,Bose,Choudhary,Sethi",
  },
  chinese: {
    m: "Wei,Jun,Hao,Lei,Jie,Tao,Yong,Ming,Bo,Qiang,Jian,Peng,Xin,Zhiwei,Kai,Long,Haoran,Yuxuan",
    f: "Fang,Jing,Xiu,Min,Yan,Hui,Ying,Mei,Lan,Na,Xia,Ling,Qing,Yue,Ting,Yu,Xinyi,Zihan",
    family:
      "Wang,Li,Zhang,Liu,Chen,Yang,Huang,Zhao,Wu,Zhou,Xu,Sun,Ma,Zhu,Hu,Guo,He,Lin,Gao,Luo,Zheng,Liang,Xie,Song,Tang,Han,Feng,Deng,Cao,Peng",
  },
  cantonese: {
    m: "Kevin,Jason,Raymond,Kelvin,Alan,Eric,Derek,Wilson,Terence,Marcus,Ka Wai,Wing Kit,Jun Jie,Wei Ming",
    f: "Winnie,Karen,Michelle,Vivian,Cindy,Grace,Joyce,Crystal,Eunice,Jasmine,Mei Ling,Hui Min,Xin Yi,Wing Yan",
    family:
      "Chan,Wong,Lee,Cheung,Lau,Leung,Ho,Ng,Chow,Lam,Tsang,Yip,Tang,Kwok,Cheng,Yeung,Fung,Mak,Tan,Lim,Ong,Goh,Chua,Koh,Teo,Tay",
  },
  japanese: {
    m: "Hiroshi,Takashi,Kenji,Daisuke,Shota,Kazuki,Takumi,Ryo,Haruto,Sota,Naoki,Kenta,Yusuke,Satoshi,Yuto,Makoto",
    f: "Yuko,Aiko,Haruka,Yui,Sakura,Misaki,Akiko,Emi,Keiko,Naoko,Rina,Ayumi,Mai,Nanami,Kaori,Yumi",
    family:
      "Sato,Suzuki,Takahashi,Tanaka,Watanabe,Ito,Yamamoto,Nakamura,Kobayashi,Kato,Yoshida,Yamada,Sasaki,Yamaguchi,Matsumoto,Inoue,Kimura,Hayashi,Shimizu,Yamazaki,Mori,Abe,Ikeda,Hashimoto,Ishikawa,Ogawa,Fujita,Okada,Goto,Hasegawa",
  },
  korean: {
    m: "Min-jun,Seo-jun,Ji-ho,Hyun-woo,Jae-won,Dong-hyun,Sung-min,Jun-ho,Tae-yang,Woo-jin,Sang-hoon,Young-ho",
    f: "Ji-woo,Seo-yeon,Min-seo,Ha-eun,Ji-yeon,Soo-jin,Eun-ji,Hye-jin,Yoo-na,Da-eun,Su-bin,Ye-jin",
    family:
      "Kim,Lee,Park,Choi,Jung,Kang,Cho,Yoon,Jang,Lim,Han,Oh,Seo,Shin,Kwon,Hwang,Ahn,Song,Yoo,Hong",
  },
  filipino: {
    m: "Jose,Juan,Mark,John Paul,Christian,Carlo,Miguel,Rafael,Paolo,Angelo,Jericho,Ramon,Joshua,Gabriel",
    f: "Maria,Angelica,Kristine,Joy,Mary Grace,Jasmine,Camille,Patricia,Andrea,Bea,Nicole,Rosario,Princess,Kimberly",
    family:
      "Santos,Reyes,Cruz,Bautista,Ocampo,Garcia,Mendoza,Torres,Tomas,Andrada,Castillo,Flores,Villanueva,Ramos,Castro,Rivera,Aquino,Navarro,Salazar,Mercado,Dela Cruz,De Leon,Gonzales,Aguilar,Manalo,Pascual",
  },
  malay: {
    m: "Ahmad,Aiman,Hafiz,Faizal,Azman,Hakim,Irfan,Zulkifli,Amir,Firdaus,Syafiq,Imran",
    f: "Nurul,Siti,Aisyah,Farah,Nadia,Aina,Hidayah,Syafiqah,Izzati,Amirah,Zulaikha,Liyana",
    family:
      "Abdullah,Ismail,Ibrahim,Hassan,Rahman,Hamid,Yusof,Othman,Aziz,Razak,Salleh,Omar,Ahmad,Zainal,Mahmud,Rashid,Kamal,Idris,Osman,Yaacob",
  },
  indonesian: {
    m: "Budi,Agus,Andi,Dedi,Eko,Hendra,Rizky,Fajar,Arif,Bayu,Dimas,Yoga",
    f: "Siti,Dewi,Sri,Putri,Rina,Ayu,Intan,Indah,Fitri,Wulan,Ratna,Lestari",
    family:
      "Santoso,Wijaya,Kusuma,Pratama,Saputra,Hidayat,Nugroho,Setiawan,Gunawan,Halim,Susanto,Purnomo,Hartono,Wibowo,Siregar,Nasution,Lubis,Simanjuntak,Sutanto,Hakim",
  },
};

interface RoleSpec {
  title: string;
  family: string;
  weight: number;
  /** Title prefix for senior grades; "Lead" unless given. */
  lead?: string;
}

interface DepartmentSpec {
  name: string;
  weight: number;
  /** The job family of its managers below Senior Manager. */
  family: string;
  /** Probability that a person there is tagged "regulated". */
  regulated: number;
  /** Branch and customer service staff. */
  frontline?: boolean;
  managerTitle?: string;
  teamLeadTitle?: string;
  roles: RoleSpec[];
}

interface DivisionSpec {
  name: string;
  weight: number;
  headTitle: string;
  internTitle: string;
  /** Whether the division head is a regulated role. */
  headRegulated: boolean;
  /** Where the division's workforce is concentrated, relative to the country weights. */
  countryBias: Record<string, number>;
  departments: DepartmentSpec[];
}

const CS = "Customer Service";
const OPS = "Operations";
const RC = "Risk & Compliance";
const ENG = "Engineering";

const divisionSpecs: DivisionSpec[] = [
  {
    name: "Retail Banking",
    weight: 26,
    headTitle: "Head of Retail Banking",
    internTitle: "Retail Banking Intern",
    headRegulated: true,
    countryBias: { IN: 0.3, CN: 0.3, PH: 0.5, PL: 0.6, LU: 0.3, MY: 0.6 },
    departments: [
      {
        name: "Branch Network",
        weight: 45,
        family: CS,
        regulated: 0.25,
        frontline: true,
        managerTitle: "Branch Manager",
        teamLeadTitle: "Branch Supervisor",
        roles: [
          { title: "Teller", family: CS, weight: 40 },
          { title: "Personal Banker", family: "Sales", weight: 25 },
          { title: "Branch Service Officer", family: CS, weight: 20 },
          { title: "Customer Service Representative", family: CS, weight: 15 },
        ],
      },
      {
        name: "Contact Centre",
        weight: 25,
        family: CS,
        regulated: 0.1,
        frontline: true,
        managerTitle: "Contact Centre Manager",
        teamLeadTitle: "Contact Centre Team Leader",
        roles: [
          { title: "Customer Service Representative", family: CS, weight: 60 },
          { title: "Customer Support Specialist", family: CS, weight: 25 },
          { title: "Complaints Handler", family: CS, weight: 15 },
        ],
      },
      {
        name: "Mortgages",
        weight: 12,
        family: "Sales",
        regulated: 0.6,
        roles: [
          { title: "Mortgage Advisor", family: "Sales", weight: 50 },
          { title: "Mortgage Underwriter", family: RC, weight: 30 },
          { title: "Mortgage Processor", family: OPS, weight: 20 },
        ],
      },
      {
        name: "Cards & Payments",
        weight: 10,
        family: "Marketing",
        regulated: 0.3,
        roles: [
          { title: "Product Manager", family: "Marketing", weight: 30 },
          { title: "Fraud Analyst", family: RC, weight: 40 },
          { title: "Payments Analyst", family: OPS, weight: 30 },
        ],
      },
      {
        name: "Small Business Banking",
        weight: 8,
        family: "Sales",
        regulated: 0.4,
        roles: [
          { title: "Relationship Manager", family: "Sales", weight: 60 },
          { title: "Credit Analyst", family: RC, weight: 25 },
          { title: "Client Service Associate", family: CS, weight: 15 },
        ],
      },
    ],
  },
  {
    name: "Corporate & Investment Banking",
    weight: 10,
    headTitle: "Head of Corporate & Investment Banking",
    internTitle: "Summer Analyst",
    headRegulated: true,
    countryBias: { GB: 1.8, US: 1.3, HK: 2, SG: 1.8, CH: 1.5, LU: 1.5, IN: 0.4, PH: 0.1, PL: 0.3 },
    departments: [
      {
        name: "Global Markets",
        weight: 35,
        family: "Sales",
        regulated: 0.85,
        roles: [
          { title: "Trader", family: "Sales", weight: 30 },
          { title: "Sales Trader", family: "Sales", weight: 25 },
          { title: "Structurer", family: "Sales", weight: 20 },
          { title: "Quantitative Analyst", family: "Finance", weight: 25 },
        ],
      },
      {
        name: "Investment Banking",
        weight: 25,
        family: "Finance",
        regulated: 0.85,
        roles: [
          { title: "Investment Banking Analyst", family: "Finance", weight: 50 },
          { title: "Corporate Finance Analyst", family: "Finance", weight: 30 },
          { title: "Coverage Banker", family: "Sales", weight: 20 },
        ],
      },
      {
        name: "Transaction Banking",
        weight: 20,
        family: "Sales",
        regulated: 0.6,
        roles: [
          { title: "Relationship Manager", family: "Sales", weight: 40 },
          { title: "Cash Management Specialist", family: OPS, weight: 30 },
          { title: "Trade Finance Specialist", family: OPS, weight: 30 },
        ],
      },
      {
        name: "Corporate Lending",
        weight: 20,
        family: RC,
        regulated: 0.7,
        roles: [
          { title: "Credit Analyst", family: RC, weight: 50 },
          { title: "Relationship Manager", family: "Sales", weight: 30 },
          { title: "Loan Operations Specialist", family: OPS, weight: 20 },
        ],
      },
    ],
  },
  {
    name: "Wealth Management",
    weight: 7,
    headTitle: "Head of Wealth Management",
    internTitle: "Wealth Management Intern",
    headRegulated: true,
    countryBias: { CH: 4, LU: 3, SG: 2, HK: 2, US: 1.2, IN: 0.3, PH: 0.1, PL: 0.2 },
    departments: [
      {
        name: "Private Banking",
        weight: 40,
        family: "Sales",
        regulated: 0.8,
        roles: [
          { title: "Private Banker", family: "Sales", weight: 50 },
          { title: "Relationship Manager", family: "Sales", weight: 30 },
          { title: "Client Service Associate", family: CS, weight: 20 },
        ],
      },
      {
        name: "Investment Advisory",
        weight: 30,
        family: "Finance",
        regulated: 0.8,
        roles: [
          { title: "Financial Advisor", family: "Sales", weight: 50 },
          { title: "Portfolio Manager", family: "Finance", weight: 25 },
          { title: "Investment Analyst", family: "Finance", weight: 25 },
        ],
      },
      {
        name: "Client Service",
        weight: 30,
        family: CS,
        regulated: 0.3,
        frontline: true,
        roles: [
          { title: "Client Service Associate", family: CS, weight: 60 },
          { title: "Client Onboarding Specialist", family: OPS, weight: 40 },
        ],
      },
    ],
  },
  {
    name: "Risk",
    weight: 6,
    headTitle: "Chief Risk Officer",
    internTitle: "Risk Intern",
    headRegulated: true,
    countryBias: { IN: 1.5, PL: 1.5, GB: 1.5 },
    departments: [
      {
        name: "Credit Risk",
        weight: 35,
        family: RC,
        regulated: 0.9,
        roles: [
          { title: "Credit Risk Analyst", family: RC, weight: 60 },
          { title: "Credit Officer", family: RC, weight: 40 },
        ],
      },
      {
        name: "Market Risk",
        weight: 20,
        family: RC,
        regulated: 0.9,
        roles: [
          { title: "Market Risk Analyst", family: RC, weight: 70 },
          { title: "Quantitative Analyst", family: RC, weight: 30 },
        ],
      },
      {
        name: "Operational Risk",
        weight: 25,
        family: RC,
        regulated: 0.85,
        roles: [
          { title: "Operational Risk Analyst", family: RC, weight: 60 },
          { title: "Business Continuity Specialist", family: RC, weight: 40 },
        ],
      },
      {
        name: "Model Risk",
        weight: 20,
        family: RC,
        regulated: 0.9,
        roles: [
          { title: "Model Validation Analyst", family: RC, weight: 60 },
          { title: "Quantitative Analyst", family: RC, weight: 40 },
        ],
      },
    ],
  },
  {
    name: "Technology",
    weight: 17,
    headTitle: "Chief Technology Officer",
    internTitle: "Technology Intern",
    headRegulated: false,
    countryBias: { IN: 3, PL: 2.5, IE: 1.5, CA: 1.5, MY: 1.5, PH: 0.5 },
    departments: [
      {
        name: "Software Engineering",
        weight: 40,
        family: ENG,
        regulated: 0.05,
        managerTitle: "Engineering Manager",
        roles: [
          { title: "Software Engineer", family: ENG, weight: 60, lead: "Principal" },
          { title: "QA Engineer", family: ENG, weight: 15 },
          { title: "Business Analyst", family: ENG, weight: 15 },
          { title: "Product Owner", family: ENG, weight: 10 },
        ],
      },
      {
        name: "Infrastructure & Cloud",
        weight: 20,
        family: ENG,
        regulated: 0.05,
        roles: [
          { title: "Site Reliability Engineer", family: ENG, weight: 40, lead: "Principal" },
          { title: "Cloud Engineer", family: ENG, weight: 35, lead: "Principal" },
          { title: "Network Engineer", family: ENG, weight: 25 },
        ],
      },
      {
        name: "Cyber Security",
        weight: 12,
        family: ENG,
        regulated: 0.3,
        roles: [
          { title: "Security Analyst", family: ENG, weight: 50 },
          { title: "Security Engineer", family: ENG, weight: 50, lead: "Principal" },
        ],
      },
      {
        name: "Data & Analytics",
        weight: 13,
        family: ENG,
        regulated: 0.1,
        roles: [
          { title: "Data Engineer", family: ENG, weight: 45, lead: "Principal" },
          { title: "Data Scientist", family: ENG, weight: 30, lead: "Principal" },
          { title: "Data Analyst", family: ENG, weight: 25 },
        ],
      },
      {
        name: "IT Service Desk",
        weight: 15,
        family: ENG,
        regulated: 0,
        roles: [
          { title: "Service Desk Analyst", family: ENG, weight: 70 },
          { title: "Desktop Support Technician", family: ENG, weight: 30 },
        ],
      },
    ],
  },
  {
    name: "Operations",
    weight: 17,
    headTitle: "Chief Operating Officer",
    internTitle: "Operations Intern",
    headRegulated: true,
    countryBias: { IN: 2.5, PH: 3.5, PL: 2, MY: 2, ZA: 1.5, CO: 1.5 },
    departments: [
      {
        name: "Payments Operations",
        weight: 30,
        family: OPS,
        regulated: 0.3,
        roles: [
          { title: "Payments Processor", family: OPS, weight: 50 },
          { title: "Operations Specialist", family: OPS, weight: 50 },
        ],
      },
      {
        name: "Lending Operations",
        weight: 25,
        family: OPS,
        regulated: 0.3,
        roles: [
          { title: "Lending Operations Specialist", family: OPS, weight: 60 },
          { title: "Collections Agent", family: CS, weight: 40 },
        ],
      },
      {
        name: "Client Onboarding",
        weight: 25,
        family: OPS,
        regulated: 0.8,
        roles: [
          { title: "KYC Analyst", family: RC, weight: 70 },
          { title: "Onboarding Specialist", family: OPS, weight: 30 },
        ],
      },
      {
        name: "Procurement & Real Estate",
        weight: 20,
        family: OPS,
        regulated: 0.05,
        roles: [
          { title: "Procurement Specialist", family: OPS, weight: 50 },
          { title: "Facilities Coordinator", family: OPS, weight: 50 },
        ],
      },
    ],
  },
  {
    name: "Finance",
    weight: 5,
    headTitle: "Chief Financial Officer",
    internTitle: "Finance Intern",
    headRegulated: true,
    countryBias: { IN: 2, PL: 2 },
    departments: [
      {
        name: "Financial Control",
        weight: 30,
        family: "Finance",
        regulated: 0.3,
        roles: [
          { title: "Accountant", family: "Finance", weight: 60 },
          { title: "Reporting Analyst", family: "Finance", weight: 40 },
        ],
      },
      {
        name: "Financial Planning & Analysis",
        weight: 25,
        family: "Finance",
        regulated: 0.1,
        roles: [{ title: "Financial Analyst", family: "Finance", weight: 1 }],
      },
      {
        name: "Tax",
        weight: 15,
        family: "Finance",
        regulated: 0.2,
        roles: [{ title: "Tax Specialist", family: "Finance", weight: 1 }],
      },
      {
        name: "Treasury",
        weight: 15,
        family: "Finance",
        regulated: 0.6,
        roles: [{ title: "Treasury Analyst", family: "Finance", weight: 1 }],
      },
      {
        name: "Internal Audit",
        weight: 15,
        family: RC,
        regulated: 0.9,
        roles: [{ title: "Internal Auditor", family: RC, weight: 1 }],
      },
    ],
  },
  {
    name: "Human Resources",
    weight: 4,
    headTitle: "Chief People Officer",
    internTitle: "HR Intern",
    headRegulated: false,
    countryBias: { PH: 1.5, PL: 1.5 },
    departments: [
      {
        name: "HR Business Partnering",
        weight: 25,
        family: "People",
        regulated: 0,
        roles: [{ title: "HR Business Partner", family: "People", weight: 1 }],
      },
      {
        name: "Talent Acquisition",
        weight: 25,
        family: "People",
        regulated: 0,
        roles: [
          { title: "Recruiter", family: "People", weight: 70 },
          { title: "Recruitment Coordinator", family: "People", weight: 30 },
        ],
      },
      {
        name: "Learning & Development",
        weight: 20,
        family: "People",
        regulated: 0,
        roles: [
          { title: "Learning Specialist", family: "People", weight: 60 },
          { title: "Instructional Designer", family: "People", weight: 40 },
        ],
      },
      {
        name: "Reward & HR Operations",
        weight: 30,
        family: "People",
        regulated: 0,
        roles: [
          { title: "HR Specialist", family: "People", weight: 50 },
          { title: "Payroll Specialist", family: "People", weight: 25 },
          { title: "Reward Analyst", family: "People", weight: 25 },
        ],
      },
    ],
  },
  {
    name: "Legal & Compliance",
    weight: 5,
    headTitle: "General Counsel",
    internTitle: "Legal & Compliance Intern",
    headRegulated: true,
    countryBias: { GB: 1.5, IN: 1.5 },
    departments: [
      {
        name: "Legal",
        weight: 35,
        family: "Legal",
        regulated: 0.9,
        roles: [
          { title: "Legal Counsel", family: "Legal", weight: 60 },
          { title: "Paralegal", family: "Legal", weight: 40 },
        ],
      },
      {
        name: "Regulatory Compliance",
        weight: 30,
        family: RC,
        regulated: 0.95,
        roles: [
          { title: "Compliance Officer", family: RC, weight: 60 },
          { title: "Compliance Analyst", family: RC, weight: 40 },
        ],
      },
      {
        name: "Financial Crime",
        weight: 35,
        family: RC,
        regulated: 0.95,
        roles: [
          { title: "AML Analyst", family: RC, weight: 50 },
          { title: "Sanctions Analyst", family: RC, weight: 25 },
          { title: "Fraud Investigator", family: RC, weight: 25 },
        ],
      },
    ],
  },
  {
    name: "Marketing",
    weight: 3,
    headTitle: "Chief Marketing Officer",
    internTitle: "Marketing Intern",
    headRegulated: false,
    countryBias: { IN: 0.5, PH: 0.3 },
    departments: [
      {
        name: "Brand & Communications",
        weight: 35,
        family: "Marketing",
        regulated: 0.05,
        roles: [
          { title: "Communications Specialist", family: "Marketing", weight: 50 },
          { title: "Brand Manager", family: "Marketing", weight: 50 },
        ],
      },
      {
        name: "Digital Marketing",
        weight: 35,
        family: "Marketing",
        regulated: 0.05,
        roles: [
          { title: "Digital Marketing Specialist", family: "Marketing", weight: 60 },
          { title: "Content Designer", family: "Marketing", weight: 40 },
        ],
      },
      {
        name: "Customer Insights",
        weight: 30,
        family: "Marketing",
        regulated: 0.05,
        roles: [{ title: "Insights Analyst", family: "Marketing", weight: 1 }],
      },
    ],
  },
];

/** The divisions of the demo organisation with their departments. */
export const demoDivisions: readonly { name: string; departments: string[] }[] = divisionSpecs.map(
  (d) => ({ name: d.name, departments: d.departments.map((dep) => dep.name) }),
);

/** Fictional staffing agencies, recorded as a custom attribute of contractors. */
const agencies = [
  "Harbourline Staffing",
  "Quillfield Talent",
  "Tessellate Contracting",
  "Meridale Partners",
];

// ---------------------------------------------------------------------------------------------
// Compiled tables (built once, on first use)
// ---------------------------------------------------------------------------------------------

/** Cumulative weights for a fast weighted pick of an index. */
interface PickTable {
  cum: Float64Array;
  items: Int32Array;
  total: number;
}

function pickTable(weights: number[], items?: number[]): PickTable {
  const cum = new Float64Array(weights.length);
  const ids = new Int32Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!;
    cum[i] = total;
    ids[i] = items ? items[i]! : i;
  }
  return { cum, items: ids, total };
}

function pick(t: PickTable, u: number): number {
  const x = u * t.total;
  const cum = t.cum;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return t.items[lo]!;
}

/** Lower-case ASCII for e-mail addresses: diacritics stripped, only a-z kept. */
function asciiSlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .replace(/œ/g, "oe")
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .replace(/đ/g, "d")
    .replace(/ı/g, "i")
    .replace(/[^a-z]/g, "");
}

interface NameGroup {
  given: [string[], string[]];
  /** The given names followed by a space. */
  givenSpace: [string[], string[]];
  family: [string[], string[]];
  /** Indexes into Compiled.givenSlugs / familySlugs, for unique e-mail addresses. */
  givenSlugId: [Int32Array, Int32Array];
  familySlugId: [Int32Array, Int32Array];
}

interface CompiledRole {
  family: string;
  /** Title by IC grade 2..6 (index = grade). */
  titles: string[];
}

interface CompiledDepartment {
  spec: DepartmentSpec;
  division: number;
  roles: CompiledRole[];
  rolePick: PickTable;
  /** Manager titles by rank 2..6 (index = rank). */
  managerTitles: string[];
}

interface CompiledCountry {
  spec: CountrySpec;
  region: number;
  cityPick: PickTable;
  namePick: PickTable;
  nameGroups: NameGroup[];
}

interface Compiled {
  /** Distinct e-mail slugs of given names, followed by a dot. */
  givenSlugsDot: string[];
  /** Distinct e-mail slugs of family names, and the same followed by "@" and the domain. */
  familySlugs: string[];
  familySlugsAt: string[];
  countries: CompiledCountry[];
  departments: CompiledDepartment[];
  /** Per division: global department indexes, by weight descending. */
  divisionDepartments: number[][];
  divisionDepartmentPick: PickTable[];
  /** Per division: country pick over all countries, and per region. */
  divisionCountryPick: PickTable[];
  divisionRegionCountryPick: PickTable[][];
  /** Cost centre codes by global department index, then country index. */
  costCentres: string[][];
  divisionCostCentres: string[];
  hq: number;
  hqCity: number;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const groupCache = new Map<NameGroupKey, NameGroup>();
  const givenSlugs: string[] = [];
  const familySlugs: string[] = [];
  const givenSlugIds = new Map<string, number>();
  const familySlugIds = new Map<string, number>();
  const slugIds = (names: string[], all: string[], ids: Map<string, number>): Int32Array =>
    Int32Array.from(names, (name) => {
      const slug = asciiSlug(name);
      let id = ids.get(slug);
      if (id === undefined) {
        id = all.length;
        all.push(slug);
        ids.set(slug, id);
      }
      return id;
    });
  const group = (key: NameGroupKey): NameGroup => {
    let g = groupCache.get(key);
    if (!g) {
      const src = nameGroupSources[key];
      const m = src.m.split(",");
      const f = src.f.split(",");
      const familyEntries = src.family.split(",");
      const famM = familyEntries.map((e) => e.split("/")[0]!);
      const famF = familyEntries.map((e) => e.split("/")[1] ?? e);
      g = {
        given: [m, f],
        givenSpace: [m.map((x) => `${x} `), f.map((x) => `${x} `)],
        family: [famM, famF],
        givenSlugId: [slugIds(m, givenSlugs, givenSlugIds), slugIds(f, givenSlugs, givenSlugIds)],
        familySlugId: [
          slugIds(famM, familySlugs, familySlugIds),
          slugIds(famF, familySlugs, familySlugIds),
        ],
      };
      groupCache.set(key, g);
    }
    return g;
  };

  const countries: CompiledCountry[] = countrySpecs.map((spec) => ({
    spec,
    region: demoRegions.indexOf(spec.region),
    cityPick: pickTable(spec.cities.map((c) => c.weight)),
    namePick: pickTable(spec.names.map(([, w]) => w)),
    nameGroups: spec.names.map(([key]) => group(key)),
  }));

  const departments: CompiledDepartment[] = [];
  const divisionDepartments: number[][] = [];
  const divisionDepartmentPick: PickTable[] = [];
  const divisionCountryPick: PickTable[] = [];
  const divisionRegionCountryPick: PickTable[][] = [];
  const costCentres: string[][] = [];
  const divisionCostCentres: string[] = [];
  divisionSpecs.forEach((div, d) => {
    const ids: number[] = [];
    div.departments.forEach((spec) => {
      const roles = spec.roles.map((r) => {
        const lead = r.lead ?? "Lead";
        return {
          family: r.family,
          titles: [
            r.title,
            r.title,
            `Associate ${r.title}`,
            r.title,
            r.title,
            `Senior ${r.title}`,
            `${lead} ${r.title}`,
          ],
        };
      });
      const managerTitles = [
        "",
        "",
        `Managing Director, ${spec.name}`,
        `Director, ${spec.name}`,
        `Senior Manager, ${spec.name}`,
        spec.managerTitle ?? "Manager",
        spec.teamLeadTitle ?? "Team Lead",
      ];
      ids.push(departments.length);
      const deptIndex = departments.length;
      costCentres.push(countries.map((_, c) => `CC-${2000 + deptIndex * 40 + c}`));
      departments.push({
        spec,
        division: d,
        roles,
        rolePick: pickTable(spec.roles.map((r) => r.weight)),
        managerTitles,
      });
    });
    ids.sort((a, b) => departments[b]!.spec.weight - departments[a]!.spec.weight || a - b);
    divisionDepartments.push(ids);
    divisionDepartmentPick.push(
      pickTable(
        ids.map((i) => departments[i]!.spec.weight),
        ids,
      ),
    );
    const countryWeights = countries.map(
      (c) => c.spec.weight * (div.countryBias[c.spec.code] ?? 1),
    );
    divisionCountryPick.push(pickTable(countryWeights));
    divisionRegionCountryPick.push(
      demoRegions.map((_, r) => {
        const idx = countries.map((c, i) => (c.region === r ? i : -1)).filter((i) => i >= 0);
        return pickTable(
          idx.map((i) => countryWeights[i]!),
          idx,
        );
      }),
    );
    divisionCostCentres.push(`CC-${1001 + d}`);
  });

  const hq = countries.findIndex((c) => c.spec.code === "US");
  compiled = {
    givenSlugsDot: givenSlugs.map((x) => `${x}.`),
    familySlugs,
    familySlugsAt: familySlugs.map((x) => `${x}@${demoEmailDomain}`),
    countries,
    departments,
    divisionDepartments,
    divisionDepartmentPick,
    divisionCountryPick,
    divisionRegionCountryPick,
    costCentres,
    divisionCostCentres,
    hq,
    hqCity: 0, // New York
  };
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness and dates
// ---------------------------------------------------------------------------------------------

/** cyrb128: a 128-bit string hash, used to seed sfc32. */
function hashSeed(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: a small, fast PRNG; returns floats in [0, 1). */
function sfc32(seed: [number, number, number, number]): () => number {
  let [a, b, c, d] = seed;
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // warm up
  return next;
}

const threeDigits = Array.from({ length: 1000 }, (_, k) => String(k).padStart(3, "0"));

const DAY_MS = 86_400_000;
const EARLIEST_HIRE = Date.UTC(1995, 0, 1) / DAY_MS;
const YEAR = 365.25;

function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`today must be a YYYY-MM-DD date, got "${iso}"`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new RangeError(`today is not a valid date: "${iso}"`);
  }
  return ms / DAY_MS;
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

export interface DemoOrgOptions {
  /** How many people, 1 to 1,000,000. */
  people: number;
  /** Any string or number; the same seed gives the same organisation. */
  seed: string | number;
  /** The reference date (YYYY-MM-DD) for hire dates and "new-joiner"; default "2026-11-01". */
  today?: string;
}

/** Ranks: 0 CEO, 1 division head, 2 Managing Director … 6 Team Lead, 7 individual contributor. */
const RANK_IC = 7;
const gradeByRank = ["G12", "G11", "G10", "G9", "G8", "G7", "G6"];
const icGrades = ["G1", "G2", "G3", "G4", "G5", "G6"];
/** Weights of IC grades 2..6. */
const icGradePick = pickTable([15, 30, 30, 18, 7], [2, 3, 4, 5, 6]);

/** The rank a manager's subtree size calls for. */
function sizeRank(subtree: number): number {
  if (subtree >= 8000) return 2;
  if (subtree >= 400) return 3;
  if (subtree >= 80) return 4;
  if (subtree >= 14) return 5;
  return 6;
}

/**
 * subtreeCapacity[h]: the most people a manager's subtree holds (the manager included) when it
 * is h levels deep with spans of about 10 (12 at the bottom). Used to keep the hierarchy shallow.
 */
const subtreeCapacity = [1, 13];
while (subtreeCapacity.length < 12) subtreeCapacity.push(1 + 10 * subtreeCapacity.at(-1)!);

/** The fewest direct reports a manager below the executive level has. */
const MIN_TEAM = 6;

/** Probability that an individual contributor is a contractor / an intern (≈ 8% / 2% overall). */
const CONTRACTOR_P = 0.092;
const INTERN_P = 0.023;
const NO_EMAIL_P = 0.06;
const WORKS_COUNCIL_P = 0.75;

function validate(options: DemoOrgOptions): { n: number; seed: string; today: number } {
  const n = options.people;
  if (!Number.isInteger(n) || n < 1 || n > maxDemoOrgPeople) {
    throw new RangeError(`people must be an integer from 1 to ${maxDemoOrgPeople}, got ${n}`);
  }
  const seed = options.seed;
  if (typeof seed !== "string" && !(typeof seed === "number" && Number.isFinite(seed))) {
    throw new TypeError("seed must be a string or a finite number");
  }
  return { n, seed: String(seed), today: parseDay(options.today ?? "2026-11-01") };
}

/**
 * Yields the people of a demo organisation top-down (breadth first from the CEO), so that each
 * person's manager has been yielded before them. See {@link generateDemoOrg}.
 */
export function iterateDemoOrg(options: DemoOrgOptions): Generator<PersonRecord, void, undefined> {
  const step = createStepper(validate(options));
  return (function* () {
    for (let p = step(); p !== undefined; p = step()) yield p;
  })();
}

/** Returns a function that produces the next person on each call (undefined when done). */
function createStepper({
  n,
  seed,
  today,
}: {
  n: number;
  seed: string;
  today: number;
}): () => PersonRecord | undefined {
  const t = compile();
  const rand = sfc32(hashSeed(`cascade-demo-org:${seed}`));

  // Per-person planning data, filled when the person's manager is processed.
  const parent = new Int32Array(n);
  const subtree = new Int32Array(n);
  const rank = new Uint8Array(n);
  const division = new Uint8Array(n);
  const dept = new Uint8Array(n);
  const country = new Uint8Array(n);
  const city = new Uint8Array(n);
  const ids: string[] = new Array<string>(n);
  /** How many people have had each e-mail base (given slug × family slug) so far. */
  const emailCounts = new Int32Array(t.givenSlugsDot.length * t.familySlugs.length);
  const familySlugCount = t.familySlugs.length;
  // externalId = "E" + the number zero-padded to at least 6 digits, built from two cached halves.
  const idWidth = Math.max(6, String(n).length);
  const idPrefixes: string[] = [];
  const idPrefix = (high: number): string =>
    (idPrefixes[high] ??= `E${String(high).padStart(idWidth - 3, "0")}`);
  const maxTenure = Math.max(0, today - EARLIEST_HIRE);
  const dateCache: (string | undefined)[] = new Array<string | undefined>(maxTenure + 1);
  const childBudget = new Int32Array(12);
  const childDept = new Int32Array(12);
  const childWeight = new Float64Array(12);
  const deptCount = new Int32Array(t.departments.length);
  let next = 1; // the index of the next person to plan

  parent[0] = -1;
  subtree[0] = n;
  rank[0] = 0;
  country[0] = t.hq;
  city[0] = t.hqCity;

  /** Split `extra` people over children 0..k-1 in proportion to childWeight, on top of `base`. */
  const distribute = (extra: number, k: number, base: number): void => {
    let w = 0;
    for (let j = 0; j < k; j++) w += childWeight[j]!;
    let given = 0;
    for (let j = 0; j < k; j++) {
      const share = Math.floor((extra * childWeight[j]!) / w);
      childBudget[j] = base + share;
      given += share;
    }
    for (let j = 0; given < extra; j = (j + 1) % k, given++) childBudget[j]!++;
  };

  /** Moves people from children above `cap` to the others, in proportion to their room. */
  const capBudgets = (k: number, cap: number): void => {
    let excess = 0;
    let room = 0;
    for (let j = 0; j < k; j++) {
      const b = childBudget[j]!;
      if (b > cap) {
        excess += b - cap;
        childBudget[j] = cap;
      } else room += cap - b;
    }
    if (excess === 0) return;
    let given = 0;
    if (room > 0) {
      const share = Math.min(1, excess / room);
      for (let j = 0; j < k; j++) {
        const add = Math.floor(share * (cap - childBudget[j]!));
        childBudget[j]! += add;
        given += add;
      }
    }
    // Whatever is left (rounding, or no room at all) goes round-robin, so nobody is lost.
    for (let j = 0; given < excess; j = (j + 1) % k, given++) childBudget[j]!++;
  };

  /** Where a new report of manager `p` with a subtree of `size` people works. */
  const place = (p: number, child: number, size: number, div: number): void => {
    // Reports of executives are spread over the division's footprint; further down, teams
    // mostly sit with their manager (same country, or at least the same region).
    const stay =
      rank[p]! <= 1 ? 0 : size >= 2000 ? 0.3 : size >= 100 ? 0.55 : size > 1 ? 0.75 : 0.88;
    const pc = country[p]!;
    let c: number;
    const u = rand();
    if (u < stay) {
      c = pc;
    } else if (stay > 0 && u < stay + (1 - stay) * 0.5) {
      c = pick(t.divisionRegionCountryPick[div]![t.countries[pc]!.region]!, rand());
    } else {
      c = pick(t.divisionCountryPick[div]!, rand());
    }
    country[child] = c;
    city[child] = c === pc && rand() < 0.85 ? city[p]! : pick(t.countries[c]!.cityPick, rand());
  };

  const addChild = (p: number, size: number, div: number, dep: number, r: number): void => {
    const i = next++;
    parent[i] = p;
    subtree[i] = size;
    division[i] = div;
    dept[i] = dep;
    rank[i] = r;
    place(p, i, size, div);
  };

  /** Plans the direct reports of manager `i` (with subtree[i] > 1). */
  const planReports = (i: number): void => {
    const r = subtree[i]! - 1; // people below i
    const rk = rank[i]!;
    if (rk === 0) {
      // The executive committee: one head per division, the biggest divisions first.
      const order = divisionSpecs
        .map((d, idx) => ({ w: d.weight, idx }))
        .sort((a, b) => b.w - a.w || a.idx - b.idx)
        .slice(0, Math.min(divisionSpecs.length, r))
        .map((x) => x.idx)
        .sort((a, b) => a - b);
      const k = order.length;
      for (let j = 0; j < k; j++) {
        childWeight[j] = divisionSpecs[order[j]!]!.weight * (0.85 + 0.3 * rand());
      }
      distribute(r - k, k, 1);
      for (let j = 0; j < k; j++) {
        const div = order[j]!;
        const size = childBudget[j]!;
        const dep = t.divisionDepartments[div]![0]!;
        const ci = next;
        addChild(i, size, div, dep, 1);
        // Division heads mostly sit at headquarters.
        if (rand() < 0.6) {
          country[ci] = t.hq;
          city[ci] = t.hqCity;
        }
      }
      return;
    }
    const div = division[i]!;
    if (r <= 12) {
      // A team of individual contributors.
      for (let j = 0; j < r; j++) {
        const dep = rk === 1 ? pick(t.divisionDepartmentPick[div]!, rand()) : dept[i]!;
        addChild(i, 1, div, dep, RANK_IC);
      }
      return;
    }
    // Keep the hierarchy about as shallow as spans of ~10 allow: reports get at most `cap`
    // people in their subtrees, which takes at least ceil(r / cap) reports.
    let h = 2;
    while (subtreeCapacity[h]! < r + 1) h++;
    const cap = subtreeCapacity[h - 1]!;
    // Span of control 6..12 (most often 8-10), fewer when there are few people below.
    let k = 6 + Math.floor(rand() * 4) + Math.floor(rand() * 4);
    if (rk === 1) k = Math.max(k, t.divisionDepartments[div]!.length);
    k = Math.min(Math.max(k, Math.ceil(r / cap)), 12, r - MIN_TEAM);
    // m reports are managers (each with at least MIN_TEAM reports of their own), the rest ICs.
    let m = Math.min(k, Math.floor((r - k) / MIN_TEAM));
    // Now and then a senior manager also has an individual contributor as a direct report.
    if (m === k && r > 150 && (k - 1) * cap >= r - 1 && rand() < 0.25) m = k - 1;
    const leaves = k - m;
    if (rk === 1) {
      // Department heads: the biggest departments first, then more units for the departments
      // whose units would otherwise be the largest (D'Hondt), so that units are similar in size.
      const depts = t.divisionDepartments[div]!;
      deptCount.fill(0);
      for (let j = 0; j < m; j++) {
        let d = depts[0]!;
        if (j < depts.length) d = depts[j]!;
        else {
          let best = -1;
          for (const cand of depts) {
            const q = t.departments[cand]!.spec.weight / (deptCount[cand]! + 1);
            if (q > best) {
              best = q;
              d = cand;
            }
          }
        }
        childDept[j] = d;
        deptCount[d]!++;
      }
      for (let j = 0; j < m; j++) {
        const d = childDept[j]!;
        childWeight[j] = (t.departments[d]!.spec.weight / deptCount[d]!) * (0.8 + 0.4 * rand());
      }
    } else {
      for (let j = 0; j < m; j++) {
        childDept[j] = dept[i]!;
        childWeight[j] = 0.5 + rand();
      }
    }
    distribute(r - leaves - (MIN_TEAM + 1) * m, m, MIN_TEAM + 1);
    capBudgets(m, Math.max(cap, 13));
    for (let j = 0; j < m; j++) {
      const size = childBudget[j]!;
      addChild(i, size, div, childDept[j]!, Math.max(sizeRank(size), rk));
    }
    for (let j = 0; j < leaves; j++) {
      const dep = rk === 1 ? pick(t.divisionDepartmentPick[div]!, rand()) : dept[i]!;
      addChild(i, 1, div, dep, RANK_IC);
    }
  };

  /** Whole days between the last hire date and today. */
  let hireDaysAgo = 0;
  const hireDate = (tenureDays: number): string => {
    let d = Math.floor(tenureDays);
    if (d > maxTenure) d = Math.floor(rand() * (maxTenure + 1));
    hireDaysAgo = d;
    let iso = dateCache[d];
    if (iso === undefined) {
      iso = new Date((today - d) * DAY_MS).toISOString().slice(0, 10);
      dateCache[d] = iso;
    }
    return iso;
  };
  const exp = (meanYears: number): number => -Math.log(1 - rand()) * meanYears * YEAR;

  let i = 0;
  return (): PersonRecord | undefined => {
    if (i >= n) return undefined;
    const isManager = subtree[i]! > 1;
    if (isManager) planReports(i);
    const rk = rank[i]!;
    const ci = country[i]!;
    const cc = t.countries[ci]!;
    const cityIdx = city[i]!;
    const citySpec = cc.spec.cities[cityIdx]!;
    const div = rk === 0 ? -1 : division[i]!;
    const dp = rk <= 1 ? -1 : dept[i]!;
    const department = dp >= 0 ? t.departments[dp]! : undefined;

    // Who: name, locale.
    const group = cc.nameGroups[pick(cc.namePick, rand())]!;
    const sex = rand() < 0.5 ? 0 : 1;
    const gi = Math.floor(rand() * group.given[sex].length);
    const fi = Math.floor(rand() * group.family[sex].length);
    const name = group.givenSpace[sex][gi]! + group.family[sex][fi]!;
    let locale = citySpec.locale ?? cc.spec.locales[0]!;
    if (cc.spec.locales.length > 1 && rand() < 0.06) {
      locale = cc.spec.locales[1 + Math.floor(rand() * (cc.spec.locales.length - 1))]!;
    }

    // What: title, family, grade, employment type.
    let jobTitle: string;
    let jobFamily: string;
    let grade: string | null;
    let employmentType = "employee";
    let tenure: number;
    if (rk === 0) {
      jobTitle = "Chief Executive Officer";
      jobFamily = "Management";
      grade = gradeByRank[0]!;
      tenure = (8 + rand() * 17) * YEAR;
    } else if (rk === 1) {
      jobTitle = divisionSpecs[div]!.headTitle;
      jobFamily = "Management";
      grade = gradeByRank[1]!;
      tenure = (3 + rand() * 19) * YEAR;
    } else if (rk < RANK_IC) {
      jobTitle = department!.managerTitles[rk]!;
      jobFamily = rk <= 4 ? "Management" : department!.spec.family;
      grade = gradeByRank[rk]!;
      tenure = exp(rk <= 3 ? 11 : rk <= 5 ? 8 : 6);
    } else {
      const role = department!.roles[pick(department!.rolePick, rand())]!;
      jobFamily = role.family;
      const u = rand();
      if (u < INTERN_P) {
        employmentType = "intern";
        jobTitle = divisionSpecs[div]!.internTitle;
        grade = icGrades[0]!;
        tenure = rand() * 240;
      } else {
        const g = pick(icGradePick, rand());
        jobTitle = role.titles[g]!;
        if (u < INTERN_P + CONTRACTOR_P) {
          employmentType = "contractor";
          grade = null;
          tenure = exp(1.5);
        } else {
          grade = icGrades[g - 1]!;
          tenure = exp(7);
        }
      }
    }
    const hire = hireDate(tenure);

    // Tags, in sorted order.
    const frontline = department?.spec.frontline === true && rk >= 5;
    const noEmail = frontline && rk === RANK_IC && rand() < NO_EMAIL_P;
    const regulated =
      rk === 0
        ? true
        : rk === 1
          ? divisionSpecs[div]!.headRegulated
          : rand() < department!.spec.regulated;
    const tagMask =
      (employmentType === "contractor" ? 1 : 0) |
      (frontline ? 2 : 0) |
      (hireDaysAgo <= newJoinerDays ? 4 : 0) |
      (noEmail ? 8 : 0) |
      (isManager ? 16 : 0) |
      (regulated ? 32 : 0);

    // E-mail, unique across the organisation.
    let email: string | null = null;
    if (!noEmail) {
      const gs = group.givenSlugId[sex][gi]!;
      const fs = group.familySlugId[sex][fi]!;
      const key = gs * familySlugCount + fs;
      const seen = ++emailCounts[key]!;
      // Concatenating precomputed pieces keeps this to one or two string allocations.
      email =
        seen === 1
          ? t.givenSlugsDot[gs]! + t.familySlugsAt[fs]!
          : `${t.givenSlugsDot[gs]!}${t.familySlugs[fs]!}${seen}@${demoEmailDomain}`;
    }

    // Custom attributes, keys sorted.
    const costCenter =
      rk === 0 ? "CC-1000" : rk === 1 ? t.divisionCostCentres[div]! : t.costCentres[dp]![ci]!;
    let attributes: Record<string, string>;
    if (employmentType === "contractor") {
      attributes = {
        agency: agencies[Math.floor(rand() * agencies.length)]!,
        cost_center: costCenter,
      };
    } else if (cc.spec.worksCouncil && rk >= 3 && rand() < WORKS_COUNCIL_P) {
      attributes = { cost_center: costCenter, works_council: "yes" };
    } else {
      attributes = { cost_center: costCenter };
    }

    const externalId = idPrefix(Math.floor((i + 1) / 1000)) + threeDigits[(i + 1) % 1000]!;
    ids[i] = externalId;
    const person: PersonRecord = {
      externalId,
      name,
      email,
      managerId: i === 0 ? null : ids[parent[i]!]!,
      division: div >= 0 ? divisionSpecs[div]!.name : null,
      department: department ? department.spec.name : null,
      region: cc.spec.region,
      country: cc.spec.code,
      location: citySpec.name,
      timeZone: citySpec.timeZone,
      locale,
      jobTitle,
      jobFamily,
      grade,
      employmentType,
      hireDate: hire,
      status: "active",
      tags: tagSets[tagMask]!.slice(),
      attributes,
    };
    i++;
    if (i === n && next !== n) throw new Error(`demo org planned ${next} of ${n} people`);
    return person;
  };
}

/**
 * Generates a deterministic, realistic demo organisation of `people` people (1 to 1,000,000):
 * the same options always give the same records. The array is top-down: the CEO first (the only
 * person without a manager), and every `managerId` is the `externalId` of an earlier person.
 */
export function generateDemoOrg(options: DemoOrgOptions): PersonRecord[] {
  const valid = validate(options);
  const step = createStepper(valid);
  const out = new Array<PersonRecord>(valid.n);
  for (let i = 0; i < valid.n; i++) out[i] = step()!;
  return out;
}
