import '../../components/theme.css';
import '../../components/options/options.css';
import { mountPage } from '../../components/mount';
import { OptionsApp } from '../../components/options/OptionsApp';

mountPage('optionsTitle', <OptionsApp />);
