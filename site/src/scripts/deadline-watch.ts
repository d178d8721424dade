import { formatDaysLeft } from '../lib/format/date.js';

// A page can be older than a deadline (the publisher rebuilds at each deadline, but a visitor may keep a tab open or
// read a cached copy). Each open notice carries its deadline; when the visitor's clock passes it, the notice says so.

export const DEADLINE_PASSED_EVENT = 'deadline-passed';

function refresh(scope: HTMLElement, now: Date): void {
  const deadline = scope.dataset.deadline;
  if (!deadline || scope.hasAttribute('data-closed')) return;
  for (const daysLeft of scope.querySelectorAll<HTMLElement>('[data-days-left]')) {
    daysLeft.textContent = formatDaysLeft(deadline, now);
  }
  if (new Date(deadline).getTime() > now.getTime()) return;

  scope.setAttribute('data-closed', '');
  for (const badge of scope.querySelectorAll<HTMLElement>('[data-status-badge]')) {
    badge.textContent = 'Clos';
    badge.className = 'badge badge--closed';
  }
  for (const message of scope.querySelectorAll<HTMLElement>('[data-closed-message]')) message.hidden = false;
  scope.dispatchEvent(new CustomEvent(DEADLINE_PASSED_EVENT, { bubbles: true }));
}

export function watchDeadlines(root: Document, clock: () => Date = () => new Date()): void {
  const check = () => {
    const now = clock();
    for (const scope of root.querySelectorAll<HTMLElement>('[data-deadline]')) refresh(scope, now);
  };
  check();
  setInterval(check, 30_000);
  root.addEventListener('visibilitychange', () => {
    if (root.visibilityState === 'visible') check();
  });
}
