import { describe, expect, it } from 'vitest';
import { withExtension } from './harness';

const h = withExtension({}, { lang: 'fr' });

describe('in French', () => {
  it('speaks French on every page, with the same roles', async () => {
    const options = await h.newPage();
    await options.goto(h.optionsUrl);
    await options.getByRole('heading', { name: 'Réglages de PadBridge' }).waitFor();
    await options.getByRole('textbox', { name: "Clé d'API Lever" }).fill('mauvaise-cle');
    await options.getByRole('button', { name: 'Connecter Lever' }).click();
    const alert = options.getByRole('region', { name: 'Lever' }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Lever a refusé la clé d'API \(“Invalid API key”\)/);
    await h.screenshot(options, 'fr-options');

    const lever = await h.newPage();
    await lever.goto(h.candidateUrl('Ada Lovelace'));
    await lever.getByRole('button', { name: 'Créer un pad CoderPad' }).click();
    await lever.getByRole('alert').filter({ hasText: "Lever n'est pas connecté" }).waitFor();
    await h.screenshot(lever, 'fr-candidate');
    // The way out opens PadBridge's settings (in a new tab, since the earlier one is closed).
    await options.close();
    const [settings] = await Promise.all([
      h.browser.context.waitForEvent('page'),
      lever.getByRole('button', { name: 'Ouvrir les réglages' }).click(),
    ]);
    await settings.waitForURL(h.optionsUrl);

    const popup = await h.newPage();
    await popup.goto(h.popupUrl);
    await popup.getByRole('heading', { name: 'Pads récents' }).waitFor();
    await popup.getByRole('link', { name: 'Réglages', exact: true }).waitFor();
  });
});
