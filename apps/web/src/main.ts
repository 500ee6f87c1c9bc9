import { createApp } from 'vue';
import { App } from './App';
import { router } from './router';

// Under automation (the browser tests) transitions are off, so screenshots show settled pages.
if (navigator.webdriver) document.documentElement.classList.add('automation');

createApp(App).use(router).mount('#app');
