// The browser entry: mounts the app into #app. Everything else loads from here, pages on demand.
import { render } from 'preact';
import { App } from './shell/app';

render(<App />, document.getElementById('app')!);
