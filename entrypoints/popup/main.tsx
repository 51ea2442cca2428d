import '../../components/theme.css';
import '../../components/popup/popup.css';
import { mountPage } from '../../components/mount';
import { PopupApp } from '../../components/popup/PopupApp';

mountPage('recentPads', <PopupApp />);
