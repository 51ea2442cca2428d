import { serverTimeSuite } from './server-time';

serverTimeSuite(-10);
