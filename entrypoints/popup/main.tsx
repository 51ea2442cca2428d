import '../../components/theme.css';
import '../../components/popup/popup.css';
import { mountPage } from '../../components/mount';
import { PopupApp, prefetchPopup } from '../../components/popup/PopupApp';

mountPage('recentPads', <PopupApp />, prefetchPopup);
