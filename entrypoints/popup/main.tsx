// Before any schema is made: zod must not try eval (see the module).
import '../../lib/services/zod-csp';
import '../../components/theme.css';
import '../../components/popup/popup.css';
import { mountPage } from '../../components/mount';
import { PopupApp, prefetchPopup } from '../../components/popup/PopupApp';

mountPage('recentPads', <PopupApp />, prefetchPopup);
