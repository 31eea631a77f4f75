import React from 'react';
import type {Engine} from '../../docker/engine.js';
import {describeError} from '../../docker/errors.js';
import type {Services} from '../services.js';
import type {FormSpec} from './form.js';
import {FormView} from './FormView.js';

/**
 * Opens a form whose submit makes one engine call. On success the form closes and `call`'s
 * sentence shows as a toast; the engine's refusal stays under the form, so nothing typed is lost.
 */
export function openForm<Values extends Record<string, string>>(
  services: Services,
  spec: FormSpec<Values>,
  initial: Values,
  call: (engine: Engine, values: Values) => Promise<string>,
): void {
  const submit = async (values: Values): Promise<string | void> => {
    const engine = services.store.engine;
    if (!engine) return 'not connected to the engine';
    try {
      const done = await call(engine, values);
      services.closeView();
      services.toast('done', done);
    } catch (error) {
      return describeError(error);
    }
  };
  services.openView((props) => <FormView spec={spec} initial={initial} onSubmit={submit} {...props} />, ['form']);
}
