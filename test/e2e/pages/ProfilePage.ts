import type { Locator, Page } from '@playwright/test';

/** An actor's profile page (opened from the Actors view): events table, small timeline, sources. */
export class ProfilePage {
  readonly article: Locator;
  readonly events: Locator;
  readonly timeline: Locator;
  readonly sources: Locator;

  constructor(
    readonly page: Page,
    readonly actorName: string,
  ) {
    this.article = page.getByRole('article', { name: `Profile of ${actorName}` });
    this.events = this.article.getByRole('table', { name: 'Events of the actor' });
    this.timeline = this.article.getByRole('group', { name: "Timeline of the actor's events and relationships" });
    this.sources = this.article.getByRole('region', { name: 'Sources' });
  }

  /** The events-table row of the event titled `title`. */
  eventRow(title: string): Locator {
    return this.events.getByRole('row').filter({ hasText: title });
  }

  /** The event's point on the small timeline, in the lane of `role`. */
  timelineItem(title: string, role: 'perpetrator' | 'target' | 'participant'): Locator {
    return this.timeline.locator(`.vis-item.cf-role-${role}`).filter({ has: this.page.getByTitle(`${role[0]?.toUpperCase()}${role.slice(1)}: ${title}`, { exact: true }) });
  }

  /** The label of a lane of the small timeline ("Perpetrator", "Target", "Participant", "Relationships"). */
  lane(label: string): Locator {
    return this.timeline.locator('.vis-label').filter({ hasText: label });
  }
}
