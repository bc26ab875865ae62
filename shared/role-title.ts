/**
 * The role's name is a team setting (model v2 §7): "Domestic Abuse Safety Officer" for new
 * teams, "Partner Link Worker" kept for teams that have it. Every place the app names the role
 * (the header, emails, letters) takes its words from here, in English or Welsh.
 */
export type RoleTitle = 'PLW' | 'DASO';

export const ROLE_TITLE_WORDS: Record<RoleTitle, { en: string; cy: string }> = {
  PLW: { en: 'Partner Link Worker', cy: 'Gweithiwr Cyswllt Partner' },
  DASO: { en: 'Domestic Abuse Safety Officer', cy: 'Swyddog Diogelwch Cam-drin Domestig' },
};

export function roleTitleWords(title: RoleTitle, language: 'en' | 'cy' = 'en'): string {
  return ROLE_TITLE_WORDS[title][language];
}

/** What a new team is given; a team made before the setting existed keeps "Partner Link Worker". */
export const NEW_TEAM_ROLE_TITLE: RoleTitle = 'DASO';
