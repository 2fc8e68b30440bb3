import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { TurnoutState } from '../../shared/contract/state';
import type { TrayAction } from './tray-menu';
import { startTrayController, type TrayController } from './tray-controller';
import { toMenuTemplate, trayIconFile } from './tray-template';

export interface TrayOptions {
  resourcesDir: string;
  initial: TurnoutState;
  subscribe(listener: (state: TurnoutState) => void): () => void;
  run(action: TrayAction): Promise<void>;
  /** A left click on the icon (Windows, macOS without a menu; Linux AppIndicator has none). */
  onClick(): void;
}

export interface TurnoutTray {
  controller: TrayController;
  destroy(): void;
}

/** The Electron side of the tray: icon, tooltip, macOS title and menu from the controller's model. */
export function createTray(options: TrayOptions): TurnoutTray {
  const images = new Map<string, NativeImage>();
  const image = (file: string): NativeImage => {
    let loaded = images.get(file);
    if (!loaded) {
      loaded = nativeImage.createFromPath(file);
      if (process.platform === 'darwin') loaded.setTemplateImage(true);
      images.set(file, loaded);
    }
    return loaded;
  };
  const tray = new Tray(image(trayIconFile(options.resourcesDir, 'normal', process.platform)));
  tray.on('click', () => options.onClick());
  const controller = startTrayController({
    initial: options.initial,
    subscribe: options.subscribe,
    run: options.run,
    view: {
      render(model, click) {
        if (tray.isDestroyed()) return;
        tray.setImage(image(trayIconFile(options.resourcesDir, model.icon, process.platform)));
        tray.setToolTip(model.tooltip);
        if (process.platform === 'darwin') tray.setTitle(model.title);
        tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(model.items, click)));
      },
    },
  });
  return {
    controller,
    destroy() {
      controller.stop();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
