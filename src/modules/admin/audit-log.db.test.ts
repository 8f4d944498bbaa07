import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { type Browser, organiserBrowser } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { registrationTestDeps } from '../../../test/registration.ts';
import { plantedText, registerWithDietaryNeeds } from '../../../test/scan.ts';
import { newId } from '../../shared/ids.ts';

// The audit log page shows that dietary needs were given, in the page's language, never what they are —
// not even for a row stored before redaction.

describeEachDialect('the audit log page', (getDb) => {
  let app: FastifyInstance;
  let organiser: Browser;
  const plant = plantedText();
  const old = plantedText('GAMMEL-kost');

  beforeAll(async () => {
    const database = getDb();
    app = await createTestApp(database);
    await registerWithDietaryNeeds(registrationTestDeps(database).deps, SLUG_2027, () => plant, 1);
    // As a row written before redaction looked (straight into the table, past writeAudit).
    await database.db
      .insertInto('audit')
      .values({
        id: newId(),
        at: TEST_NOW.toISOString(),
        actor_account_id: null,
        actor_label: 'old@example.dk',
        action: 'registration.confirmed',
        entity: 'registration',
        entity_id: newId(),
        before_json: null,
        after_json: JSON.stringify({ status: 'confirmed', dietary_needs: old }),
      })
      .execute();
    organiser = await organiserBrowser(() => app, database);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says the dietary needs were filled in, in Danish and in English, and never shows them', async () => {
    const da = await organiser.get('/arrangoer/log');
    expect(da.statusCode).toBe(200);
    expect(da.body).toContain('Kostbehov, koder og andre hemmeligheder står aldrig i loggen');
    expect(da.body).toContain('<summary>Før og efter</summary>');
    expect(da.body).toContain('&quot;dietary_needs&quot;:&quot;[udfyldt]&quot;');
    expect(da.body).toContain('Efter: {');
    const en = await organiser.get('/arrangoer/log?lang=en');
    expect(en.body).toContain('<summary>Before and after</summary>');
    expect(en.body).toContain('&quot;dietary_needs&quot;:&quot;[filled in]&quot;');
    expect(en.body).not.toContain('[udfyldt]');
    for (const page of [da, en]) {
      expect(page.body).not.toContain(plant);
      expect(page.body).not.toContain(old);
    }
  });
});
