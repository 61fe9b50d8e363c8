import { describe } from 'vitest';
import { adapterScenarios } from '../../support/adapter-scenarios.js';

/** What the grammY adapter adds around the desk: Telegram's shapes in, Bot API calls out. */
describe('grammY adapter', () => {
  adapterScenarios('grammy');
});
