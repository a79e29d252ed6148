// The dashboard API's answer, as the page reads it.
import type { LongPendingFigures } from '../case-reviews/long-pending-types';
import type { RankedIndicator } from '../indicator-ranks/types';

export interface Rate {
  code: string;
  name: string;
  numerator: number;
  denominator: number;
  value: number | null;
  href: string;
  note: string;
}

export interface Attainment {
  indicator: string;
  name: string;
  source: 'report' | 'process';
  unit: string;
  unitName: string;
  target: number;
  comparator: string;
  value: number | null;
  week: string | null;
  met: boolean | null;
  href: string;
}

export interface WeekPunctuality {
  week: string;
  on_time: number;
  late: number;
  makeup: number;
  missing: number;
  returned: number;
  open: number;
  onTimeRate: number | null;
  href: string;
}

export interface Dashboard {
  generatedAt: string;
  /** The server shares one computation of the figures for at most this long. */
  maxAgeSeconds: number;
  weeks: string[];
  rates: Rate[];
  overdueByUnit: {
    unit: string;
    name: string;
    total: number;
    byColor: Record<string, number>;
    href: string;
  }[];
  byColor: { color: 'red' | 'yellow' | 'blue' | 'none'; label: string; count: number; href: string }[];
  punctuality: WeekPunctuality[];
  indicators: Attainment[];
  trend: { indicator: string; name: string; target: number; points: (number | null)[] }[];
  cityRanks: RankedIndicator[];
  longPending: { range: { from: string; to: string }; figures: LongPendingFigures };
}
