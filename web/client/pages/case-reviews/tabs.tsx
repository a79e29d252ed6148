// The two halves of 案件评查: the review batches and their enterprise share (tasks 4, 6, 7) and the court's
// long-pending cases (task 5).
import { SectionTabs } from '../../components/section-tabs';

const tabs = [
  { path: '/case-reviews', label: '评查批次与涉企占比' },
  { path: '/case-reviews/long-pending', label: '长期未结案件' },
];

export function ReviewTabs() {
  return <SectionTabs label="案件评查" tabs={tabs} />;
}
