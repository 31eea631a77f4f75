import React, {useMemo} from 'react';
import {imageRows, imagesPane, shortId, type ImageRow} from '../../panes/images.js';
import {sanitize} from '../../format/sanitize.js';
import {formatBytesSI} from '../../format/bytes.js';
import {formatAge} from '../../format/duration.js';
import {pad} from '../../format/cells.js';
import {describeError} from '../../docker/errors.js';
import {EMPTY_PULL} from '../../docker/pull-progress.js';
import {parseRunFields} from '../../docker/run-spec.js';
import {ResourceList, emptyText, type PaneProps} from '../ResourceList.js';
import type {ListRow} from '../../panes/list.js';
import {useServices, type Services, type ViewProps} from '../services.js';
import {openInspect} from './inspect.js';
import {Task} from '../task.js';
import {BuildView, PullView, type BuildProgress} from '../views/TaskViews.js';
import {FormView} from '../forms/FormView.js';
import {initialRunValues, runForm, toRunFields, type RunFormValues} from '../forms/run-form.js';
import {buildForm, buildOptions, initialBuildValues, tagError, type BuildFormValues} from '../forms/build-form.js';

/** Build output lines kept for the view; a long build drops its oldest lines. */
const BUILD_LINES = 2000;

/**
 * Shows a pull's or a build's view; when the task ends (the view may be closed by then), a toast
 * says how, and the images are listed again.
 */
function showTask(services: Services, what: string, task: Task<unknown>, render: (props: ViewProps) => React.ReactNode) {
  services.openView(render, ['task', 'text', 'global']);
  void task.finished.then(() => {
    services.toast(task.status === 'done' ? 'done' : 'error', `${what}: ${task.message ?? task.status}`);
    services.store.refreshResource('images');
  });
}

/** Starts a pull in a task, shows its view, and says in a toast how it ended. */
function startPull(services: Services, reference: string) {
  const engine = services.store.engine;
  if (!engine) return void services.toast('error', `pull ${sanitize(reference)}: not connected to the engine`);
  const task = new Task(reference, EMPTY_PULL, (signal, update) => engine.pull(reference, update, signal).then((p) => sanitize(p.status || `pulled ${reference}`)), describeError);
  showTask(services, `pull ${sanitize(reference)}`, task, (props) => <PullView task={task} {...props} />);
}

/** Starts a build in a task from valid form values, and shows its output. */
function startBuild(services: Services, values: BuildFormValues) {
  const engine = services.store.engine;
  if (!engine) return 'not connected to the engine';
  const options = buildOptions(values);
  const title = options.tag ?? values.directory;
  const task = new Task<BuildProgress>(title, {lines: []}, async (signal, update) => {
    let progress: BuildProgress = {lines: []};
    const {imageId} = await engine.build(values.directory.trim() || '.', options, (message) => {
      const lines = message.line === undefined ? progress.lines : [...progress.lines, message.line].slice(-BUILD_LINES);
      progress = {lines: message.error ? [...lines, message.error] : lines, step: message.step ?? progress.step};
      update(progress);
    }, signal);
    return `built ${shortId(imageId)}${options.tag ? ` as ${options.tag}` : ''}`;
  }, describeError);
  showTask(services, `build ${sanitize(title)}`, task, (props) => <BuildView task={task} {...props} />);
  return undefined;
}

/** Runs a container from valid run form values: detached, or with the terminal handed over. */
async function runFromForm(services: Services, values: RunFormValues): Promise<string | void> {
  const engine = services.store.engine;
  if (!engine) return 'not connected to the engine';
  const {spec, errors} = parseRunFields(toRunFields(values));
  if (!spec) return Object.values(errors)[0];
  try {
    if (!spec.interactive) {
      const {name, id} = await engine.run(spec);
      services.closeView();
      services.toast('done', `${sanitize(name)} started (${id.slice(0, 12)})`);
      services.store.refresh(id);
      return;
    }
    const {id} = await engine.createContainer(spec);
    services.closeView();
    services.store.refresh(id);
    await services.handOver(`run ${sanitize(spec.name ?? spec.image)}`, (e) => e.attachTerminal(id));
  } catch (error) {
    return describeError(error);
  }
}

/** The layers of an image as `docker history` shows them. */
async function openHistory(services: Services, id: string, name: string) {
  const engine = services.store.engine;
  if (!engine) return;
  try {
    const layers = await engine.imageHistory(id);
    const now = Math.floor(Date.now() / 1000);
    const lines = [
      {text: `${pad('IMAGE', 12)}  ${pad('CREATED', 7)}  ${pad('SIZE', 9, 'right')}  CREATED BY`},
      ...layers.map((l) => ({
        text: sanitize(`${pad(l.id === '<missing>' ? l.id : shortId(l.id), 12)}  ${pad(formatAge(now - l.created), 7)}  ${pad(formatBytesSI(l.size), 9, 'right')}  ${l.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '')}`),
      })),
    ];
    services.openText(`history ${name}`, lines);
  } catch (error) {
    services.toast('error', `history ${name}: ${describeError(error)}`);
  }
}

/** The images pane: one row per tag; pull, run, build, tag, history, remove and prune. */
export function ImagesPane(props: PaneProps) {
  const {snapshot, state, setState} = props;
  const services = useServices();
  const items = useMemo(() => imageRows(snapshot.images, snapshot.containers), [snapshot.images, snapshot.containers]);
  const networks = snapshot.networks.map((n) => n.name).filter((n) => n !== 'none');

  const pull = (initial: string) =>
    services.prompt('Pull image (reference)', initial, (reference) => {
      if (!reference) return;
      const error = tagError(reference);
      if (error) return void services.toast('error', `pull: ${error}`);
      startPull(services, reference);
    }, 'pulls');

  const onCommand = (id: string, selected: ListRow<ImageRow> | undefined) => {
    // These need no selected image.
    if (id === 'images.pull') return pull(selected?.kind === 'item' ? (selected.row.tag ?? '') : '');
    if (id === 'images.build') {
      return services.openView(
        (props) => <FormView spec={buildForm} initial={initialBuildValues(process.cwd())} onSubmit={async (values) => startBuild(services, values)} {...props} />,
        ['form'],
      );
    }
    if (id === 'images.prune') {
      const dangling = snapshot.images.filter((i) => i.tags.length === 0).length;
      const unused = new Set(items.filter((r) => r.containers === 0).map((r) => r.image.id)).size;
      return services.confirm(
        `Prune ${dangling} dangling image${dangling === 1 ? '' : 's'}?`,
        (answer) => {
          void services
            .act(
              {working: 'pruning images…', done: (r: {deleted: string[]; reclaimed: number}) => `${r.deleted.length} image record${r.deleted.length === 1 ? '' : 's'} removed, ${formatBytesSI(r.reclaimed)} reclaimed`, failed: 'prune images'},
              (engine) => engine.pruneImages({all: answer === 'all'}),
            )
            .then(() => services.store.refreshResource('images'));
        },
        {all: `every unused image (${unused})`},
      );
    }
    if (selected?.kind !== 'item') return false;
    const {image, tag} = selected.row;
    const name = sanitize(tag ?? shortId(image.id));
    switch (id) {
      case 'list.inspect':
      case 'list.open':
        return void openInspect(services, `inspect ${name}`, (engine) => engine.inspectImage(image.id));
      case 'images.history':
        return void openHistory(services, image.id, name);
      case 'images.run': {
        // Made once: a spec made while rendering would be new on every render of the App.
        const spec = runForm(networks);
        return services.openView(
          (props) => <FormView spec={spec} initial={initialRunValues(tag ?? image.id)} onSubmit={(values) => runFromForm(services, values)} {...props} />,
          ['form'],
        );
      }
      case 'images.tag':
        return services.prompt(`Tag ${name} as`, tag ? `${tag.replace(/:[^:/]*$/, '')}:` : '', (reference) => {
          if (!reference) return;
          const error = tagError(reference);
          if (error) return void services.toast('error', `tag: ${error}`);
          void services
            .act({working: `tagging ${name}…`, done: `${name} tagged ${sanitize(reference)}`, failed: `tag ${name}`}, (engine) => engine.tagImage(image.id, reference))
            .then(() => services.store.refreshResource('images'));
        }, 'tags');
      case 'images.remove': {
        const users = snapshot.containers.filter((c) => c.imageId === image.id).map((c) => sanitize(c.name));
        const what = tag ? (image.tags.length > 1 ? `Untag ${name}` : `Remove ${name}`) : `Remove ${name}`;
        const question = users.length > 0 ? `${name} is used by ${users.slice(0, 3).join(', ')}${users.length > 3 ? ', …' : ''}. ${what} anyway?` : `${what}?`;
        return services.confirm(
          question,
          (answer) => {
            const force = answer === 'force';
            // A tag is untagged; a forced removal or a dangling image goes by id.
            const reference = force || !tag ? image.id : tag;
            void services
              .act({working: `removing ${name}…`, done: `${name} removed`, failed: `remove ${name}`}, (engine) => engine.removeImage(reference, {force}))
              .then(() => services.store.refreshResource('images'));
          },
          {force: users.length > 0 ? 'remove it forced' : 'delete the image and every tag (forced)'},
        );
      }
    }
    return false;
  };

  return (
    <ResourceList
      {...props}
      pane={imagesPane}
      items={items}
      scope="images"
      onCommand={onCommand}
      empty={emptyText(snapshot, 'No images on this engine. p pulls one, b builds one.')}
    />
  );
}
